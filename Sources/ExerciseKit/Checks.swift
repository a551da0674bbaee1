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

  /// Exercise 3.2: with every fault on, the seed must make the flawed protocol lose an
  /// acknowledged increment (not merely count one twice, which the course text shows), and
  /// leave the fixed one clean.
  public static func pinnedSeed(_ answer: () throws -> UInt64) throws {
    let seed = try answer()
    let scenario = Scenario.default.withAllFaults().seeded(seed)
    guard let violation = Simulator<FlawedReplica>.run(scenario).violation else {
      throw CheckFailure("seed \(seed) does not break the flawed protocol with every fault on")
    }
    guard violation.property == .noLostAcknowledgedIncrement else {
      throw CheckFailure(
        "seed \(seed) breaks \(violation.property.rawValue) first; pin one that loses an "
          + "acknowledged increment")
    }
    if let still = Simulator<FixedReplica>.run(scenario).violation {
      throw CheckFailure("seed \(seed) breaks the fixed protocol too: \(still)")
    }
  }
}
