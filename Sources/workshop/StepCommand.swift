import CounterSpec
import Foundation
import Level3Pure
import Stepper

/// `workshop level3 step`: drive a cluster by hand, one choice at a time.
enum StepCommand {
  static var help: String {
    """
    usage: workshop level3 step [--protocol NAME | --fixed] [--replicas R] [--clients C]
                                [--increments I] [--attempts A]
           workshop level3 step --schedule FILE [--protocol NAME | --fixed]

    Drive a cluster by hand. Each screen shows every replica (up or down, its state in its
    protocol's words, its disk, its writes in flight, its timers), every client, the messages
    in flight and the numbered choices that can happen now. Type a number to apply one; the
    checker says when a property breaks, which request and which replicas.

      --replicas R     replicas (default 2, at most 8)
      --clients C      clients (default 1, at most 8)
      --increments I   increments per client (default 2)
      --attempts A     attempts per increment, first included (default 2)
      --schedule FILE  replay a saved schedule (from s FILE here, or --save-schedule on level4,
                       level3 and level3 shrink) and stop at its end: undo and try other choices.
                       The cluster comes from the file; --protocol overrides its protocol.
    \(ProtocolOption.help)

    \(StepperScreen.help)

    With standard input not a terminal, it reads one command per line and echoes it after the
    prompt; at q or the end of the input the last line is
    'step: N choices applied, <the first violation, or ok>'.
    """
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let protocolGiven = arguments.words.contains { $0.hasPrefix("--protocol") || $0 == "--fixed" }
    let entry = try ProtocolOption.parse(&arguments)
    if let path = try arguments.option("--schedule") {
      for name in ["--replicas", "--clients", "--increments", "--attempts"]
      where arguments.words.contains(where: { $0 == name || $0.hasPrefix(name + "=") }) {
        throw UsageError("\(name) cannot be used with --schedule: the file sets the cluster")
      }
      try arguments.finish()
      let schedule = try loadSchedule(path)
      let chosen = protocolGiven ? entry : try protocolOf(schedule, path)
      return start(chosen.type, schedule: schedule, from: path)
    }
    let scenario = Scenario(
      replicas: try arguments.int("--replicas", default: 2, in: 1...8),
      clients: try arguments.int("--clients", default: 1, in: 0...RequestSet.maxClients),
      incrementsPerClient: try arguments.int(
        "--increments", default: 2, in: 0...RequestSet.maxNumber),
      maxAttempts: try arguments.int("--attempts", default: 2, in: 1...8), dropRate: 0,
      duplicateRate: 0)
    try arguments.finish()
    let schedule = Schedule(scenario: scenario, protocolName: entry.name, choices: [])
    return start(entry.type, schedule: schedule, from: nil)
  }

  /// Reads a schedule file; a missing or corrupt file is one line and exit status 2.
  static func loadSchedule(_ path: String) throws -> Schedule {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError("cannot read '\(path)'")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw UsageError("'\(path)' is not a schedule: not UTF-8 text")
    }
    do {
      return try Schedule(parsing: text)
    } catch {
      throw UsageError("'\(path)' is not a schedule: \(error.description)")
    }
  }

  private static func protocolOf(_ schedule: Schedule, _ path: String) throws -> ProtocolEntry {
    guard let entry = ProtocolCatalogue.named(schedule.protocolName) else {
      throw UsageError(
        "'\(path)' names protocol '\(schedule.protocolName)', which is not in the catalogue "
          + "(one of: \(ProtocolCatalogue.names)); choose one with --protocol NAME")
    }
    return entry
  }

  static func start<R: CounterReplica>(_: R.Type, schedule: Schedule, from path: String?)
    -> Int32
  {
    let (stepper, replay) = Stepper<R>.replaying(schedule)
    let terminal = isatty(1) == 1
    if let path {
      var line = "step: replayed \(path): \(pluralized(replay.applied, "choice")) applied"
      if replay.skipped > 0 { line += ", \(replay.skipped) did not apply (skipped)" }
      if replay.leftAfterViolation > 0 {
        line += ", \(replay.leftAfterViolation) left after the violation"
      }
      say(line)
    }
    var shell = StepperShell(
      stepper, screen: StepperScreen(colour: terminal), echo: isatty(0) != 1,
      clears: terminal && isatty(0) == 1)
    shell.run(
      read: { readLine(strippingNewline: true) },
      write: { say($0, terminator: "") },
      save: { path, text in try TraceOutput.write(text, to: path) })
    return 0
  }

  /// Writes `schedule` to `path` for `--save-schedule`, saying so on one line (through
  /// `output`, when given, so Mermaid on standard output stays valid).
  static func save(_ schedule: Schedule, to path: String, output: TraceOutput? = nil) throws {
    try TraceOutput.write(schedule.fileText, to: path)
    (output?.say ?? { say($0) })(
      "saved \(path) (schedule, \(pluralized(schedule.choices.count, "choice"))): "
        + "swift run workshop level3 step --schedule \(path)")
  }
}
