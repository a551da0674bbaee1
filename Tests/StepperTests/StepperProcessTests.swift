import CounterSpec
import Foundation
import Testing

/// `workshop level3 step` as a separate process, its standard input a pipe.
@Suite(.serialized) struct StepperProcessTests {
  @Test(.timeLimit(.minutes(1)), .enabled(if: workshopBinary != nil))
  func quittingAtOnceEndsOk() throws {
    let (status, text) = try runWorkshop(["level3", "step"], input: "q\n")
    #expect(status == 0)
    #expect(text.hasSuffix("step> q\nstep: 0 choices applied, ok\n"))
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshopBinary != nil))
  func theExplorersStoryOpensAtItsViolationTheSameInTwoProcesses() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("stepper-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("s.schedule").path
    let explored = try runWorkshop(
      ["level4", "--crashes", "0", "--save-schedule", path], input: "")
    #expect(explored.status == 0)
    let depthLine = try #require(explored.text.split(separator: "\n").last)
    #expect(depthLine.hasSuffix("violation at depth 5"))
    let first = try runWorkshop(["level3", "step", "--schedule", path], input: "q\n")
    let second = try runWorkshop(["level3", "step", "--schedule", path], input: "q\n")
    #expect(first.status == 0)
    #expect(first.text == second.text)
    #expect(
      lastLine(first.text)
        == "step: 5 choices applied, no double counting broken on r1 at step 4 (c0#1): c0#1 "
        + "applied by r0 and by r1, value 2 > 1 issued")
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshopBinary != nil))
  func badArgumentsAndBadFilesExitWithStatusTwo() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("stepper-bad-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let corrupt = directory.appendingPathComponent("corrupt.schedule")
    try Data("schedule v1\nprotocol flawed\nreplicas 2\nchoices\nteleport\n".utf8).write(
      to: corrupt)
    for arguments in [
      ["level3", "step", "--replicas", "0"], ["level3", "step", "--bogus"],
      ["level3", "step", "--protocol", "nope"],
      ["level3", "step", "--schedule", directory.appendingPathComponent("missing").path],
      ["level3", "step", "--schedule", corrupt.path],
      ["level3", "step", "--schedule", corrupt.path, "--replicas", "3"],
    ] {
      let (status, text) = try runWorkshop(arguments, input: "q\n")
      #expect(status == 2, "\(arguments)")
      #expect(text.isEmpty, "\(arguments)")
    }
  }
}
