import ExerciseKit
import Foundation

/// Your answers' package, `Exercises/Package.swift`, as `workshop verify` drives it: build it,
/// then ask its `exercise-check` for the catalog and for one exercise at a time.
///
/// Each step is a child process, so a file that does not compile, or an answer that crashes or
/// loops, shows up as a message here instead of stopping `workshop`.
struct ExercisePackage {
  /// The package's folder, relative to the directory `verify` runs in.
  let folder = "Exercises"

  /// How long one exercise's check may take before it counts as stuck.
  let checkTimeout: Duration = .seconds(120)

  /// The checker's path once built (`.build/debug` is the same link on Linux and macOS).
  var checker: String { folder + "/.build/debug/exercise-check" }

  /// What a child process left behind.
  struct Outcome {
    /// The exit status, or the signal number when `crashed`.
    var status: Int32
    /// Whether it was ended by a signal (a crash, or our stop after the timeout).
    var crashed: Bool
    /// Whether it ran past its time limit and was stopped.
    var timedOut: Bool
    /// Standard output.
    var output: String
    /// Standard error.
    var error: String
  }

  /// Whether the current directory holds the exercises' package.
  var isPresent: Bool { FileManager.default.fileExists(atPath: folder + "/Package.swift") }

  /// Whether the checker was never built here (the first build rebuilds the course's modules).
  var isFirstBuild: Bool { !FileManager.default.fileExists(atPath: checker) }

  /// `swift build --package-path Exercises --product exercise-check`.
  func build() throws -> Outcome {
    try Self.run(
      "/usr/bin/env",
      ["swift", "build", "--package-path", folder, "--product", "exercise-check"], timeout: nil)
  }

  /// The catalog, as your package's checker lists it.
  func entries() throws -> [ExerciseCheck.Entry] {
    let outcome = try Self.run(checker, ["--list"], timeout: checkTimeout)
    guard outcome.status == 0, !outcome.crashed else {
      throw CheckerError("the checker could not list the exercises: \(Self.reason(outcome))")
    }
    return try ExerciseCheck.entries(from: outcome.output)
  }

  /// Where exercise `id` stands; a crash or a timeout counts as failing, with the reason.
  func state(of id: String) throws -> Exercise.State {
    let outcome = try Self.run(checker, ["--check", id], timeout: checkTimeout)
    if outcome.timedOut {
      return .failing("no answer after \(checkTimeout) (an endless loop?); the check was stopped")
    }
    guard outcome.status == 0, !outcome.crashed,
      let state = try? ExerciseCheck.state(from: outcome.output)
    else { return .failing(Self.reason(outcome)) }
    return state
  }

  /// A one-line account of a checker that did not answer: the runtime's "Fatal error" line
  /// when there is one.
  static func reason(_ outcome: Outcome) -> String {
    let lines = outcome.error.split(separator: "\n").map(String.init)
    if let line = lines.first(where: { $0.contains("Fatal error") }),
      let fatal = line.firstRange(of: "Fatal error")
    {
      return "crashed: \(line[fatal.lowerBound...])"
    }
    let how =
      outcome.crashed ? "crashed (signal \(outcome.status))" : "exit status \(outcome.status)"
    if let last = lines.last(where: { !$0.isEmpty }) { return "\(how): \(last)" }
    return how
  }

  /// Runs `executable` with `arguments`, waits (up to `timeout`), and collects its output.
  ///
  /// Output goes to temporary files, not pipes, so a chatty child can never block on a full
  /// pipe while we wait for it.
  static func run(_ executable: String, _ arguments: [String], timeout: Duration?) throws
    -> Outcome
  {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("workshop-verify-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"  // a crash reports in one line, at once
    process.environment = environment
    try process.run()

    var timedOut = false
    if let timeout {
      let deadline = ContinuousClock.now + timeout
      while process.isRunning, ContinuousClock.now < deadline {
        Thread.sleep(forTimeInterval: 0.02)
      }
      if process.isRunning {
        timedOut = true
        process.terminate()
      }
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Outcome(
      status: process.terminationStatus,
      crashed: process.terminationReason == .uncaughtSignal,
      timedOut: timedOut,
      output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
      error: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
  }
}

/// The checker itself failed (not one exercise): printed as one line, exit status 1.
struct CheckerError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
