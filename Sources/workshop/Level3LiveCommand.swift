import CounterSpec
import Level3Pure
import Level3Runtime

/// `workshop level3 live`: the same pure replicas and clients, once, on real threads.
enum Level3LiveCommand {
  static var help: String {
    """
    usage: workshop level3 live [--seed S] [--protocol NAME | --fixed]

    Level 3, live: the pure replicas and clients of the simulator, unchanged, one thread each,
    with real time and Level 2's lossy network. One run, then its trace. The seed drives the
    network's faults but, real time being real, does not replay the run.

      --seed S   the network's seed (default 7)
    \(ProtocolOption.help)

    The last line reads: level3 live: seed S, <the broken property, or ok>
    """
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let entry = try ProtocolOption.parse(&arguments)
    let scenario = Scenario.default.seeded(try arguments.seed(default: 7))
    try arguments.finish()
    let result = try ThreadedRuntime.run(entry.type, scenario)
    say("level3 live: \(entry.name) protocol on real threads, \(scenario)")
    say(result.trace.text, terminator: "")
    let values = "[" + result.finalValues.map(String.init).joined(separator: ",") + "]"
    say(
      "values \(values), \(result.network.sent) messages sent, \(result.network.dropped) dropped, "
        + "\(result.network.duplicated) duplicated, "
        + "\(formatSeconds(result.wallTime.seconds)) s"
        + Level2Command.unacknowledged(result.observations))
    say("level3 live: seed \(scenario.seed), \(result.violation.map(\.description) ?? "ok")")
    return result.threadsJoined ? 0 : 1
  }
}
