import Foundation
import Testing

/// `workshop doctor`, run as attendees run it: the built binary, as a child process.
///
/// It lives with Level 1 because its loopback check is Level 1's server and client. It never runs
/// the doctor's build (`--skip-build`): a nested `swift build` inside `swift test` would wait for
/// the build lock this test run holds.
@Suite(.timeLimit(.minutes(1)), .enabled(if: Workshop.binary != nil, "workshop is not built"))
struct DoctorCommandTests {
  @Test func lastLineCountsTheChecksAndTheProblems() throws {
    let run = try Workshop.run(["doctor", "--skip-build"])
    let lines = run.output.split(separator: "\n").map(String.init)
    // A check line: two spaces, a mark (ok, FAIL, or -- for a missing optional tool), a name.
    let checks = lines.filter {
      $0.hasPrefix("  ") && ["ok", "FAIL", "--"].contains($0.split(separator: " ").first)
    }
    let problems = checks.filter { $0.hasPrefix("  FAIL") }
    let plural = problems.count == 1 ? "problem" : "problems"
    #expect(lines.last == "doctor: \(checks.count) checks, \(problems.count) \(plural)")
    #expect(run.status == (problems.isEmpty ? 0 : 1))
    let names = checks.map { $0.split(separator: " ")[1] }
    #expect(
      names == ["folder", "swift", "os", "cores", "loopback", "disk", ".build", "spin", "gcc"])
    #expect(lines.contains("  (build skipped: --skip-build)"))
  }

  @Test func swiftCheckReadsTheToolsVersionFromThePackage() throws {
    let manifest = try String(
      contentsOf: Workshop.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    // `// swift-tools-version: 6.0` (or `6.0.0`): the doctor shows major.minor.
    let declared = try #require(manifest.split(separator: "\n").first?.split(separator: ":").last)
    let version = declared.trimmingCharacters(in: .whitespaces).split(separator: ".").prefix(2)
    let run = try Workshop.run(["doctor", "--skip-build"])
    let swift = try #require(
      run.output.split(separator: "\n").first { $0.hasPrefix("  ok    swift") })
    #expect(swift.hasSuffix("Package.swift needs \(version.joined(separator: ".")) or later"))
  }

  @Test func outsideTheCourseFolderIsAProblem() throws {
    let elsewhere = FileManager.default.temporaryDirectory
    let run = try Workshop.run(["doctor", "--skip-build"], in: elsewhere)
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(run.status == 1)
    #expect(lines.contains { $0.hasPrefix("  FAIL  folder    no Package.swift here or above") })
    #expect(lines.contains("  (build skipped: not in the course folder)"))
    #expect(!lines.contains { $0.contains(".build") })
    #expect(lines.last?.hasPrefix("doctor: 8 checks, ") == true)
  }

  @Test func badArgumentsExitTwoWithOneLine() throws {
    let run = try Workshop.run(["doctor", "--skip-bild"])
    #expect(run.status == 2)
    #expect(run.output == "workshop: unexpected argument '--skip-bild' (try --help)\n")
    let help = try Workshop.run(["doctor", "--help"])
    #expect(help.status == 0)
    #expect(help.output.contains("--skip-build"))
  }
}

/// `.build/debug/workshop` is not there (the suite is disabled then; this is a safety net).
struct MissingBinary: Error {}

/// The `workshop` binary built next to this test bundle.
enum Workshop {
  /// The package folder, from this file's path: Tests/Level1RPCTests/ is two levels below it.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The debug binary `swift build --build-tests` and `swift test` leave in .build/debug.
  static let binary: URL? = {
    let url = root.appendingPathComponent(".build/debug/workshop")
    return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
  }()

  /// Runs `workshop arguments` in `folder`; standard output and error together.
  static func run(_ arguments: [String], in folder: URL = root) throws
    -> (status: Int32, output: String)
  {
    guard let binary else { throw MissingBinary() }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
