import CounterSpec
import Foundation
import Level3Pure
import Level4Exhaustive
import TraceViews

/// `workshop level3 shrink`: a failing seed's run, reduced to a minimal story.
enum ShrinkCommand {
  static var help: String {
    """
    usage: workshop level3 shrink [--seed S] [--protocol NAME | --fixed] [--all-faults]
                                  [--format F] [--out FILE] [--save FILE]
                                  [--save-schedule FILE]

    Runs the Level 3 simulator with seed S, takes the choices it recorded (which message was
    delivered, dropped or duplicated, which timer fired, which write completed, who crashed),
    then deletes choices, clients, increments and attempts for as long as the replay in the
    simulator's scripted mode still breaks the same property (for convergence, each replay ends
    with a fault-free settle). Prints the minimal trace.

      --seed S       the failing seed to shrink (default 1, the pinned failure)
      --all-faults   add crashes and partitions to the default faults
      --save-schedule FILE  save the shrunk story as a schedule, for level3 step --schedule
    \(ProtocolOption.help)
    \(TraceOutput.help)
      With --format html, the page shows the run and its shrunk form side by side.
    """
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let entry = try ProtocolOption.parse(&arguments)
    var scenario = Scenario.default
    if arguments.flag("--all-faults") { scenario = scenario.withAllFaults() }
    scenario.seed = try arguments.seed(default: 1)
    let output = try TraceOutput(&arguments)
    let saveSchedule = try arguments.option("--save-schedule")
    try arguments.finish()
    return try shrink(entry.type, scenario, output: output, saveSchedule: saveSchedule)
  }

  static func shrink<R: CounterReplica>(
    _: R.Type, _ scenario: Scenario, output: TraceOutput, saveSchedule: String? = nil
  ) throws -> Int32 {
    let outcome = Simulator<R>.run(scenario)
    output.say("shrink: \(R.protocolName) protocol, \(scenario)")
    guard let violation = outcome.violation else {
      output.say("shrink: seed \(scenario.seed) breaks no property: nothing to shrink")
      return 1
    }
    output.say("  the run: \(outcome.trace.events.count) trace events, \(violation)")
    let schedule = outcome.schedule
    guard let result = Shrinker.shrink(schedule, as: R.self, keeping: violation.property) else {
      output.say(
        "shrink: the run's schedule does not replay (a bug: please report seed \(scenario.seed))")
      return 1
    }
    let shrunk = result.shrunk
    output.say(
      "  its schedule: \(pluralized(schedule.choices.count, "choice")); shrunk to "
        + "\(pluralized(shrunk.choices.count, "choice")), "
        + "\(pluralized(shrunk.scenario.clients, "client")) x "
        + "\(pluralized(shrunk.scenario.incrementsPerClient, "increment")), "
        + "in \(result.replays) replays")
    output.say("minimal trace:")
    let minimal = result.outcome.trace
    if !output.show(minimal) { say(minimal.text, terminator: "") }
    if output.format == .html, let out = output.out {
      let comparison = TraceComparison(outcome.trace, minimal)
      let titles = ("seed \(scenario.seed): the run", "shrunk")
      try TraceOutput.write(HTMLTracePage().render(comparison, titles: titles), to: out)
      output.say("wrote \(out) (html: the run and its shrunk form side by side)")
      var saveOnly = output
      saveOnly.out = nil
      try saveOnly.write(minimal, title: "")
    } else {
      try output.write(minimal, title: "level3 shrink, seed \(scenario.seed)")
    }
    if let saveSchedule {
      let story = result.outcome.violation == nil ? shrunk : shrunk.settled(R.self)
      try StepCommand.save(story, to: saveSchedule, output: output)
    }
    let after = result.outcome.trace.events.count
    output.say("shrink: \(outcome.trace.events.count) events -> \(after) events")
    return 0
  }
}
