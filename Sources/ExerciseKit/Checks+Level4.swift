import CounterSpec
import Level3Pure
import Level4Exhaustive

extension Checks {
  // MARK: - 4.1 The lost acknowledgement, 4.2 (stretch) the shortest silence

  /// The bounds of Exercise 4.1: two replicas, two clients with one increment each, one crash,
  /// one retry, one gossip; no drop or duplicate.
  public static let lostAckBounds = Bounds(
    replicas: 2, clients: 2, increments: 1, drops: 0, duplicates: 0, crashes: 1, retries: 1,
    gossips: 1)

  /// The bounds of Exercise 4.2: `Bounds.course` without crashes.
  public static let silenceBounds: Bounds = {
    var bounds = Bounds.course
    bounds.crashes = 0
    return bounds
  }()

  /// Exercises 4.1 and 4.2: the schedule must replay on `R` within `bounds` without skipping a
  /// choice, break `property`, and be as short as the explorer's shortest counterexample. A
  /// packet in a choice is matched by its whole content (a gossip's tally included).
  /// - Returns: what it compared, for `verify` to show.
  public static func shortest<R: CounterReplica>(
    _: R.Type, within bounds: Bounds, breaking property: Property,
    _ answer: () throws -> [Choice]
  ) throws -> String {
    let choices = try answer()
    let schedule = Schedule(
      scenario: bounds.scenario, protocolName: R.protocolName, choices: choices)
    var cluster = Cluster<R>(scenario: bounds.scenario, recordsTrace: false)
    for (index, choice) in choices.enumerated() {
      guard !cluster.isBroken else {
        throw CheckFailure(
          "a property broke after choice \(index); choices \(index + 1)... are extra")
      }
      guard cluster.apply(choice) == choice else {
        throw CheckFailure(
          "choice \(index + 1) (\(choice)) cannot be made there: nothing like it is in "
            + "flight or pending (packets must match in full)")
      }
    }
    let settles = property == .convergence
    let outcome = schedule.replay(R.self, settling: settles)
    guard let violation = outcome.violation, violation.property == property else {
      throw CheckFailure(
        "your \(choices.count) choices replay without breaking \(property.rawValue) on "
          + "\(R.protocolName) (values \(outcome.finalValues))")
    }
    guard let depth = Explorer<R>.explore(bounds).counterexample?.depth else {
      throw CheckFailure("the explorer found no counterexample to compare with")
    }
    guard choices.count <= depth else {
      throw CheckFailure(
        "your story breaks \(property.rawValue) in \(choices.count) choices; a shorter one "
          + "exists")
    }
    return "\(choices.count) choices, as short as the explorer's shortest"
  }
}
