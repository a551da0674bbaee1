import CounterSpec
import Foundation
import Testing

/// The `workshop` binary, run twice as separate processes, prints byte-identical Level 3 output.
///
/// Each process has its own hash seed (we never set `SWIFT_DETERMINISTIC_HASHING`), so any `Set`
/// or `Dictionary` order leaking into the output would show up as a difference here.
@Suite(.serialized) struct ReplayProcessTests {
  struct MissingBinary: Error {}

  /// The built `workshop` next to this test bundle (`swift build --build-tests` builds both).
  static var workshop: URL? {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidate = bundle.appendingPathComponent("workshop")
    return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
  }

  static func output(_ arguments: [String]) throws -> (status: Int32, bytes: Data) {
    let process = Process()
    guard let binary = workshop else { throw MissingBinary() }
    process.executableURL = binary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_DETERMINISTIC_HASHING"] = nil
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, bytes)
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func level3SeedPrintsTheSameBytesInTwoProcesses() throws {
    for seed in 0..<20 {
      let first = try Self.output(["level3", "--seed", "\(seed)", "--all-faults"])
      let second = try Self.output(["level3", "--seed", "\(seed)", "--all-faults"])
      #expect(first.status == 0, "seed \(seed)")
      #expect(first.bytes == second.bytes, "seed \(seed)")
      let text = String(decoding: first.bytes, as: UTF8.self)
      #expect(text.contains("level3: seed \(seed), fingerprint "), "seed \(seed)")
    }
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func badArgumentsExitWithStatusTwo() throws {
    #expect(try Self.output(["level3", "--seed", "banana"]).status == 2)
    #expect(try Self.output(["level3", "--bogus"]).status == 2)
    #expect(try Self.output(["level3", "sweep", "--seeds", "5..<2"]).status == 2)
  }
}
