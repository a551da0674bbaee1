import Foundation
import Testing

/// The `workshop` binary's command line, run as a separate process: mistakes are one line and
/// exit status 2, and `--format mermaid` to standard output is a Mermaid file by itself.
@Suite(.serialized) struct CommandLineTests {
  /// Runs the built `workshop` with `arguments`; returns its exit status and both outputs.
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, error: String) {
    guard let binary = ReplayProcessTests.workshop else { throw ReplayProcessTests.MissingBinary() }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    let error = Pipe()
    process.standardOutput = out
    process.standardError = error
    try process.run()
    // Small outputs only (a few kB): reading one pipe to the end before the other cannot block.
    let outBytes = out.fileHandleForReading.readDataToEndOfFile()
    let errorBytes = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outBytes, as: UTF8.self),
      String(decoding: errorBytes, as: UTF8.self)
    )
  }

  @Test(
    .timeLimit(.minutes(1)), .enabled(if: ReplayProcessTests.workshop != nil),
    arguments: [
      (["level3", "--seed", "1", "--seed", "2"], "--seed"),
      (["level3", "--seed=1", "--seed", "2"], "--seed"),
      (["level3", "sweep", "--seeds", "0..<5", "--seeds=0..<9"], "--seeds"),
      (["level3", "--fixed", "--seed", "1", "--fixed"], "--fixed"),
      (["level2", "--runs", "1", "--runs", "2"], "--runs"),
    ])
  func anOptionGivenTwiceIsOneLineAndStatusTwo(arguments: [String], name: String) throws {
    let result = try Self.run(arguments)
    #expect(result.status == 2, "\(arguments)")
    #expect(result.error == "workshop: \(name) given twice (try --help)\n", "\(arguments)")
    #expect(result.out.isEmpty, "\(arguments)")
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: ReplayProcessTests.workshop != nil))
  func benchAgainstSpinRefusesBoundsTheModelCannotHoldBeforeItSearches() throws {
    for (arguments, reason) in [
      (["--clients", "3", "--increments", "3"], "at most 8 increments in all"),
      (["--in-flight", "9"], "--in-flight up to 8, got 9"),
      (["--clients", "0"], "1 to 4 clients, got 0"),
    ] {
      let result = try Self.run(["bench", "explorer", "--vs-spin"] + arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.error.hasPrefix("workshop: --vs-spin: \(reason)"), "\(result.error)")
      #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
      #expect(result.out.isEmpty, "\(arguments): nothing was searched")
    }
    let help = try Self.run(["bench", "explorer", "--help"])
    #expect(help.status == 0)
    #expect(help.out.hasPrefix("usage: swift run -c release workshop bench explorer"))
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: ReplayProcessTests.workshop != nil))
  func mermaidToStandardOutputIsMermaidByItself() throws {
    for arguments in [
      ["level3", "--seed", "1", "--format", "mermaid"],
      ["level3", "shrink", "--seed", "1", "--format", "mermaid"],
    ] {
      let result = try Self.run(arguments)
      #expect(result.status == 0, "\(arguments)")
      let lines = result.out.split(separator: "\n").map(String.init)
      let body = lines.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("%%") }
      #expect(body.first == "sequenceDiagram", "\(arguments)")
      // Every line after the type is indented diagram text: no summary line slipped through.
      #expect(body.dropFirst().allSatisfy { $0.hasPrefix("  ") }, "\(arguments)")
      #expect(
        lines.contains {
          $0.hasPrefix("%% level3: seed 1, fingerprint ") || $0.hasPrefix("%% shrink: ")
        }, "\(arguments)")
    }
  }
}
