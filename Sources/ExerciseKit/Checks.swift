import CounterSpec
import Level1RPC
import Level3Pure
import Level4Exhaustive

/// The checks behind every exercise. Each throws `NotSolvedYet` (passed through from a stub),
/// or `CheckFailure` with a one-line reason, or returns when the answer is right.
///
/// The same checks run against `Exercises` (in `workshop verify` and the exercise tests),
/// against `Solutions` (must pass), and against wrong answers kept in the tests (must fail).
public enum Checks {
  // Levels 1 and 2: Checks+Level1.swift, Checks+Level2.swift; 3.1: Checks+Level3.swift.

  // MARK: - 3.2 Pin it, then fix it

  /// Exercise 3.2: the seed must break the flawed protocol and leave the fixed one clean.
  public static func pinnedSeed(_ answer: () throws -> UInt64) throws {
    let seed = try answer()
    let scenario = Scenario.default.seeded(seed)
    guard let violation = Simulator<FlawedReplica>.run(scenario).violation else {
      throw CheckFailure("seed \(seed) does not break the flawed protocol; sweep for one")
    }
    if let still = Simulator<FixedReplica>.run(scenario).violation {
      throw CheckFailure("seed \(seed) breaks the fixed protocol too: \(still)")
    }
    _ = violation
  }

  // MARK: - 4.1 The shortest story

  /// The bounds of Exercise 4.1: `workshop level4 --crashes 0` (2 replicas, 1 client, 2
  /// increments, one drop and one duplicate). Without crashes, the flawed protocol's shortest
  /// failure is its double count (with one, it is the early acknowledgement).
  public static let storyBounds: Bounds = {
    var bounds = Bounds.course
    bounds.crashes = 0
    return bounds
  }()

  /// The explorer's shortest counterexample for `storyBounds`, found once per process.
  static let shortestDepth: Int? = Explorer<FlawedReplica>.explore(storyBounds)
    .counterexample?.depth

  /// Exercise 4.1: the schedule must replay without skipping a choice, break no double counting,
  /// and be as short as the explorer's shortest counterexample.
  public static func shortestStory(_ answer: () throws -> [Choice]) throws {
    let choices = try answer()
    let outcome = Schedule(
      scenario: storyBounds.scenario, protocolName: FlawedReplica.protocolName, choices: choices
    ).replay(FlawedReplica.self)
    guard outcome.skipped == 0 else {
      throw CheckFailure(
        "\(outcome.skipped) of your \(choices.count) choices could not be made (nothing to "
          + "deliver, or a timer that was not running); replayed: \(outcome.applied)")
    }
    guard let violation = outcome.violation, violation.property == .noDoubleCounting else {
      throw CheckFailure(
        "your \(choices.count) choices replay without a double count (values "
          + "\(outcome.finalValues))")
    }
    guard let shortest = shortestDepth else {
      throw CheckFailure("the explorer found no counterexample to compare with")
    }
    guard choices.count <= shortest else {
      throw CheckFailure(
        "your story breaks the property in \(choices.count) choices; the shortest takes "
          + "\(shortest) (swift run workshop level4)")
    }
  }
}
