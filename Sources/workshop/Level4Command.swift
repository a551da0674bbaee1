import CounterSpec
import Foundation
import Level3Pure
import Level4Exhaustive

/// `workshop level4`: every interleaving of the Level 3 step within small bounds.
enum Level4Command {
  static let help = """
    usage: workshop level4 [--replicas R] [--clients C] [--increments I] [--max-faults F]
                           [--attempts A] [--in-flight M] [--retries T] [--gossips G] [--fixed]

    Level 4: breadth-first search over every state the pure Level 3 replicas and clients can
    reach within the bounds, each state checked for double counting. The first violation found
    is a shortest counterexample; it is replayed in the simulator's scripted mode and printed.

      --replicas R    replicas (default 2, at most 4)
      --clients C     clients (default 1, at most 4)
      --increments I  increments per client (default 2)
      --max-faults F  budget of drops, of duplicates and of crashes, each (default 1)
      --attempts A    attempts per increment, first included (default 2)
      --in-flight M   most messages in flight at once (default 4)
      --retries T     client retry-timer firings in all (default 1)
      --gossips G     replica gossip-timer firings in all (default 2)
      --fixed         explore the fixed protocol (count distinct requests)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let bounds = try parseBounds(&arguments)
    try arguments.finish()
    say("level4: exploring \(bounds)")
    let clock = ContinuousClock()
    let started = clock.now
    let result = Explorer.explore(bounds, progressEvery: 1 << 17) { progress in
      say(
        "  ... \(progress.states) states, \(progress.transitions) transitions, "
          + "depth \(progress.depth)")
    }
    let seconds = (clock.now - started).seconds
    say(
      "  \(result.wordsPerState) words per state, \(formatSeconds(seconds)) s, "
        + "\(BenchCommand.format(Double(result.states) / max(seconds, 1e-9))) states/s")
    if let counterexample = result.counterexample {
      say("shortest counterexample (\(counterexample.depth) choices), replayed in the simulator:")
      let replay = counterexample.schedule.run()
      say(replay.trace.text, terminator: "")
    }
    say(
      "level4: \(result.states) states, \(result.transitions) transitions, "
        + "depth \(result.depth), \(result.verdict)")
    return 0
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
    bounds.maxAttempts = try arguments.int("--attempts", default: bounds.maxAttempts, in: 1...8)
    bounds.maxInFlight = try arguments.int("--in-flight", default: bounds.maxInFlight, in: 1...24)
    bounds.retries = try arguments.int("--retries", default: bounds.retries, in: 0...15)
    bounds.gossips = try arguments.int("--gossips", default: bounds.gossips, in: 0...15)
    if arguments.flag("--fixed") { bounds.design = .distinctRequests }
    if let problem = bounds.validate() { throw UsageError(problem) }
    return bounds
  }
}
