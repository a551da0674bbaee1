import Foundation

/// The checker that `workshop verify` runs: `exercise-check` in `Exercises/Package.swift`.
///
/// Your answers live in a package of their own, so a file that does not compile stops only
/// `verify`, never a demo or a test of the course. `verify` builds that package, then asks its
/// checker for the catalog (`--list`) and for one exercise at a time (`--check ID`), each in a
/// fresh process: an answer that crashes or never returns fails alone. Both answers are JSON.
public enum ExerciseCheck {
  /// One exercise as `--list` describes it: everything `verify` shows, without the check.
  public struct Entry: Codable, Equatable, Sendable {
    /// Short number, for example `1.1`.
    public let id: String
    /// The level it belongs to (1-4).
    public let level: Int
    /// A few words.
    public let title: String
    /// The goal, in one sentence.
    public let goal: String
    /// The file to edit, relative to the repository root.
    public let file: String
    /// Three hints, each giving away a little more.
    public let hints: [String]
    /// A fair estimate for a first attempt.
    public let minutes: Int
    /// The section of the course text it belongs to.
    public let link: String
    /// Whether it is a stretch task.
    public let isStretch: Bool

    /// The entry for `exercise`.
    public init(_ exercise: Exercise) {
      id = exercise.id
      level = exercise.level
      title = exercise.title
      goal = exercise.goal
      file = exercise.file
      hints = exercise.hints
      minutes = exercise.minutes
      link = exercise.link
      isStretch = exercise.isStretch
    }
  }

  /// How to call the checker.
  public static let usage =
    "usage: exercise-check --list | --check ID | --replay ID (--seed S ... | --explore) "
    + "| --trace ID S"

  /// The checker's whole behaviour, without touching the process: what to print on standard
  /// output (`output`) or standard error (`error`), and the exit status.
  ///
  /// - Parameters:
  ///   - arguments: the command-line arguments, without the program name.
  ///   - sheet: the answers to check (your `Exercises`, or `Solutions`).
  /// - Returns: `--list`: the catalog as a JSON array of `Entry`, status 0. `--check ID`: the
  ///   exercise's `Exercise.State` as JSON, status 0. Anything else: a one-line error, status 2.
  public static func respond<Sheet: AnswerSheet>(to arguments: [String], sheet: Sheet.Type)
    -> (output: String, error: String, status: Int32)
  {
    let exercises = Catalog.exercises(sheet)
    switch arguments {
    case ["--list"]:
      return (json(exercises.map(Entry.init)), "", 0)
    case let arguments where arguments.count == 2 && arguments[0] == "--check":
      guard let exercise = exercises.first(where: { $0.id == arguments[1] }) else {
        return ("", "exercise-check: no exercise '\(arguments[1])'", 2)
      }
      return (json(exercise.evaluate()), "", 0)
    case let arguments
    where arguments.count == 3 && arguments[0] == "--trace" && UInt64(arguments[2]) != nil:
      // What a second process compares (see `main`): the replica's trace for one seed.
      let seed = UInt64(arguments[2])!
      switch arguments[1] {
      case "3.1":
        return (Checks.traceText(Sheet.PureReplica.self, Checks.conversionRun, seed: seed), "", 0)
      case "2.3":
        return (Checks.traceText(Sheet.TimingFix.self, Checks.timingRun, seed: seed), "", 0)
      default: return ("", "exercise-check: only 3.1 and 2.3 have a trace", 2)
      }
    case let arguments where arguments.first == "--replay":
      return replay(Array(arguments.dropFirst()), sheet: sheet)
    default:
      return ("", usage, 2)
    }
  }

  /// `--replay ID ...`: the story of a Level 3 failure a check reported (3.1, or 2.3's Level 3
  /// half), told again: the lanes, and the same replay command.
  static func replay<Sheet: AnswerSheet>(_ arguments: [String], sheet: Sheet.Type)
    -> (output: String, error: String, status: Int32)
  {
    let rest = Array(arguments.dropFirst())
    do {
      switch arguments.first {
      case "3.1":
        return (
          try Checks.replay(Sheet.PureReplica.self, Checks.conversionRun, arguments: rest), "", 0
        )
      case "2.3":
        return (try Checks.replay(Sheet.TimingFix.self, Checks.timingRun, arguments: rest), "", 0)
      default:
        return ("", "exercise-check: only 3.1 and 2.3 replay; \(Checks.replayUsage)", 2)
      }
    } catch {
      return ("", "\(error)", 2)
    }
  }

  /// Runs the checker for `sheet` on this process's arguments and exits.
  public static func main<Sheet: AnswerSheet>(_ sheet: Sheet.Type) -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    var answer = respond(to: arguments, sheet: sheet)
    // A replica checked in this process is also run in two child processes, one with Swift's
    // hashing seeded per process and one with it fixed: what one process cannot vary (hashValue,
    // the per-process seed) differs there.
    if arguments.count == 2, arguments[0] == "--check", ["3.1", "2.3"].contains(arguments[1]),
      let state = try? state(from: answer.output), state.isSolved,
      let varied = acrossProcesses(arguments[1])
    {
      answer.output = json(Exercise.State.failing(varied))
    }
    FileHandle.standardOutput.write(Data(answer.output.utf8))
    if !answer.error.isEmpty {
      FileHandle.standardError.write(Data((answer.error + "\n").utf8))
    }
    exit(answer.status)
  }

  /// Runs `--trace ID S` in two child processes of this executable for a few seeds; returns the
  /// reason if their traces differ (`nil`: they agree, or the children could not run).
  static func acrossProcesses(_ id: String) -> String? {
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let path =
      FileManager.default.isExecutableFile(atPath: me.path) ? me.path : CommandLine.arguments[0]
    func trace(_ seed: UInt64, fixedHashing: Bool) -> String? {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: path)
      process.arguments = ["--trace", id, "\(seed)"]
      var environment = ProcessInfo.processInfo.environment
      if fixedHashing {
        environment["SWIFT_DETERMINISTIC_HASHING"] = "1"
      } else {
        environment.removeValue(forKey: "SWIFT_DETERMINISTIC_HASHING")
      }
      process.environment = environment
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { return nil }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else { return nil }
      return String(decoding: data, as: UTF8.self)
    }
    for seed in UInt64(0)..<2 {
      guard let first = trace(seed, fixedHashing: false),
        let second = trace(seed, fixedHashing: true)
      else { return nil }
      if first != second {
        return Checks.nondeterminism(seed: seed, how: "ran in two processes", first, second)
      }
    }
    return nil
  }

  /// Reads what `--list` printed.
  public static func entries(from output: String) throws -> [Entry] {
    try JSONDecoder().decode([Entry].self, from: Data(output.utf8))
  }

  /// Reads what `--check ID` printed.
  public static func state(from output: String) throws -> Exercise.State {
    try JSONDecoder().decode(Exercise.State.self, from: Data(output.utf8))
  }

  private static func json(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Encoding plain strings, numbers and arrays cannot fail.
    let data = (try? encoder.encode(value)) ?? Data("null".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
