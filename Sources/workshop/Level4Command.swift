import CounterSpec
import Foundation
import Level3Pure
import Level4Exhaustive

/// `workshop level4`: every interleaving of the Level 3 step within small bounds.
enum Level4Command {
  static var help: String {
    """
    usage: workshop level4 [--replicas R] [--clients C] [--increments I] [--max-faults F]
                           [--attempts A] [--in-flight M] [--retries T] [--gossips G]
                           [--protocol NAME | --fixed] [--save-schedule FILE]
           workshop level4 --mutants [bound options]   (every protocol with a bug)

    Level 4: breadth-first search over every state a cluster of pure replicas and clients can
    reach within the bounds. Safety is checked on every state, convergence on every quiet state
    (after a fault-free settle). The first violation found is a shortest counterexample; it is
    replayed in the simulator's scripted mode and printed.

      --replicas R    replicas (default 2, at most 4)
      --clients C     clients (default 1, at most 4)
      --increments I  increments per client (default 2)
      --max-faults F  budget of drops, of duplicates and of crashes, each (default 1)
      --crashes K     budget of crashes alone (default: as --max-faults)
      --attempts A    attempts per increment, first included (default 2)
      --in-flight M   most messages in flight at once (default 4)
      --retries T     client retry-timer firings in all (default 1)
      --gossips G     replica gossip-timer firings in all (default 1)
      --mutants       explore every protocol with a bug; say which property caught it, how deep
      --save-schedule FILE  save the shortest counterexample as a schedule, to open it by hand:
                      swift run workshop level3 step --schedule FILE
    \(ProtocolOption.help)
    """
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let mutants = arguments.flag("--mutants")
    let entry = try ProtocolOption.parse(&arguments)
    let bounds = try parseBounds(&arguments)
    let saveSchedule = try arguments.option("--save-schedule")
    try arguments.finish()
    if mutants { return runMutants(bounds) }
    // The course's own two protocols by name: their code is compiled for them (fast paths).
    switch entry.name {
    case "flawed": return try explore(FlawedReplica.self, bounds, saveSchedule: saveSchedule)
    case "fixed": return try explore(FixedReplica.self, bounds, saveSchedule: saveSchedule)
    default: return try explore(entry.type, bounds, saveSchedule: saveSchedule)
    }
  }

  static func explore<R: CounterReplica>(
    _: R.Type, _ bounds: Bounds, saveSchedule: String? = nil
  ) throws -> Int32 {
    say("level4: exploring \(bounds), \(R.protocolName) protocol")
    say("  properties checked:")
    for check in Exploration.checks { say("    \(check)") }
    let clock = ContinuousClock()
    let started = clock.now
    let result = Explorer<R>.explore(bounds, progressEvery: 1 << 16) { progress in
      say(
        "  ... \(progress.states) states, \(progress.transitions) transitions, "
          + "depth \(progress.depth)")
    }
    let seconds = (clock.now - started).seconds
    say(
      "  \(result.quietStates) quiet states settled, \(formatSeconds(seconds)) s, "
        + "\(BenchCommand.format(Double(result.states) / max(seconds, 1e-9))) states/s")
    if let counterexample = result.counterexample {
      say(
        "shortest counterexample (depth \(counterexample.depth), "
          + "\(counterexample.schedule.choices.count) choices), replayed in the simulator:")
      let replay = counterexample.schedule.replay(R.self, settling: counterexample.settles)
      say(replay.trace.text, terminator: "")
      if let saveSchedule {
        let schedule = counterexample.schedule
        try StepCommand.save(
          counterexample.settles ? schedule.settled(R.self) : schedule, to: saveSchedule)
      }
    } else if let saveSchedule {
      say("no counterexample: \(saveSchedule) not written")
    }
    say(
      "level4: \(result.states) states, \(result.transitions) transitions, "
        + "depth \(result.depth), \(result.verdict)")
    return 0
  }

  /// Explores every protocol of the catalogue within `bounds`: each mutant must be caught, the
  /// fixed protocol must not be.
  static func runMutants(_ bounds: Bounds) -> Int32 {
    say("level4 mutants: \(bounds)")
    var caught = 0
    for entry in ProtocolCatalogue.all {
      let line = mutantLine(entry.type, entry, bounds)
      if line.caught, !entry.isCorrect { caught += 1 }
      say(line.text)
    }
    say("level4 mutants: \(caught)/\(ProtocolCatalogue.mutants.count) caught")
    return 0
  }

  private static func mutantLine<R: CounterReplica>(
    _: R.Type, _ entry: ProtocolEntry, _ bounds: Bounds
  ) -> (caught: Bool, text: String) {
    let result = Explorer<R>.explore(bounds)
    let name = entry.name.padding(toLength: 24, withPad: " ", startingAt: 0)
    guard let found = result.counterexample else {
      let verdict = entry.isCorrect ? "no violation" : "NOT CAUGHT"
      return (false, "  \(name) \(verdict) in \(result.states) states")
    }
    let mark = entry.isCorrect ? "!! (the fix is broken) " : ""
    return (
      true,
      "  \(name) \(mark)caught by \(found.property.rawValue) at depth \(found.depth) "
        + "(\(result.states) states): \(found.violation.detail)"
    )
  }

  /// Reads the bound options shared by `level4` and `bench explorer`.
  static func parseBounds(_ arguments: inout Arguments, defaults: Bounds = .course) throws
    -> Bounds
  {
    var bounds = defaults
    bounds.replicas = try arguments.int("--replicas", default: bounds.replicas, in: 1...4)
    bounds.clients = try arguments.int("--clients", default: bounds.clients, in: 0...4)
    bounds.increments = try arguments.int("--increments", default: bounds.increments, in: 0...8)
    let faults = try arguments.int("--max-faults", default: bounds.drops, in: 0...15)
    bounds = bounds.withFaults(faults)
    bounds.crashes = try arguments.int("--crashes", default: bounds.crashes, in: 0...15)
    bounds.maxAttempts = try arguments.int("--attempts", default: bounds.maxAttempts, in: 1...8)
    bounds.maxInFlight = try arguments.int("--in-flight", default: bounds.maxInFlight, in: 1...24)
    bounds.retries = try arguments.int("--retries", default: bounds.retries, in: 0...15)
    bounds.gossips = try arguments.int("--gossips", default: bounds.gossips, in: 0...15)
    if let problem = bounds.validate() { throw UsageError(problem) }
    return bounds
  }
}
