import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

@Suite struct ShrinkerTests {
  /// The pinned failing seed of the default scenario (see Level3PureTests.SimulatorTests).
  static let pinnedSeed: UInt64 = 1

  static func failingRun() -> Simulator<FlawedReplica>.Outcome {
    Simulator<FlawedReplica>.run(Scenario.default.seeded(pinnedSeed))
  }

  @Test func simulatorRunReplaysInScriptedModeWithTheSameViolation() {
    let outcome = Self.failingRun()
    let replay = outcome.schedule.replay(FlawedReplica.self)
    #expect(replay.violation == outcome.violation, "seed \(Self.pinnedSeed)")
    #expect(replay.skipped == 0)
  }

  @Test func shrunkTraceIsShorterAndStillDoubleCounts() throws {
    let outcome = Self.failingRun()
    let result = try #require(
      Shrinker.shrink(outcome.schedule, as: FlawedReplica.self, keeping: .noDoubleCounting))
    #expect(result.outcome.violation?.property == .noDoubleCounting, "seed \(Self.pinnedSeed)")
    #expect(result.outcome.trace.events.count < outcome.trace.events.count)
    #expect(result.shrunk.choices.count < result.original.choices.count)
    // As short as the explorer's shortest counterexample: shrinking reached the minimum.
    #expect(result.shrunk.choices.count == 5, "seed \(Self.pinnedSeed)")
    #expect(result.shrunk.scenario.clients == 1)
  }

  @Test func shrunkScheduleIsOneMinimal() throws {
    let shrunk = try #require(
      Shrinker.shrink(
        Self.failingRun().schedule, as: FlawedReplica.self, keeping: .noDoubleCounting)
    ).shrunk
    for index in shrunk.choices.indices {
      var fewer = shrunk
      fewer.choices.remove(at: index)
      #expect(
        fewer.replay(FlawedReplica.self).violation?.property != .noDoubleCounting,
        "without choice \(index)")
    }
  }

  /// A convergence failure shrinks too: each replay ends with a fault-free settle.
  @Test func aConvergenceFailureShrinksToAFewChoices() throws {
    let outcome = Simulator<GossipOnce>.run(Scenario.default.seeded(0))
    let violation = try #require(outcome.violation)
    #expect(violation.property == .convergence)
    let result = try #require(
      Shrinker.shrink(outcome.schedule, as: GossipOnce.self, keeping: .convergence))
    #expect(result.outcome.violation?.property == .convergence)
    #expect(result.shrunk.choices.count < 12, "\(result.shrunk.choices)")
  }

  @Test func cleanScheduleDoesNotShrink() {
    let schedule = Schedule(scenario: Bounds().scenario, protocolName: "flawed", choices: [])
    #expect(Shrinker.shrink(schedule, as: FlawedReplica.self, keeping: .noDoubleCounting) == nil)
  }
}
