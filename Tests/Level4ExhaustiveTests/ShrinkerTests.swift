import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

@Suite struct ShrinkerTests {
  /// The pinned failing seed of the default scenario (see Level3PureTests.SimulatorTests).
  static let pinnedSeed: UInt64 = 1

  static func failingRun() -> (Simulator.Outcome, Schedule?) {
    let scenario = Scenario.default.seeded(pinnedSeed)
    let outcome = Simulator.run(scenario)
    return (outcome, Schedule(trace: outcome.trace, scenario: scenario, design: .perReplicaSlots))
  }

  @Test func simulatorRunReplaysInScriptedModeWithTheSameViolation() throws {
    let (outcome, schedule) = Self.failingRun()
    let replay = try #require(schedule, "seed \(Self.pinnedSeed)").run()
    #expect(replay.violation == outcome.violation, "seed \(Self.pinnedSeed)")
    #expect(replay.skipped == 0)
  }

  @Test func shrunkTraceIsShorterAndStillDoubleCounts() throws {
    let (outcome, schedule) = Self.failingRun()
    let extracted = try #require(schedule)
    let result = try #require(Shrinker.shrink(extracted, keeping: .noDoubleCounting))
    #expect(result.outcome.violation?.property == .noDoubleCounting, "seed \(Self.pinnedSeed)")
    #expect(result.outcome.trace.events.count < outcome.trace.events.count)
    #expect(result.shrunk.choices.count < result.original.choices.count)
    // As short as the explorer's shortest counterexample: shrinking reached the minimum.
    #expect(result.shrunk.choices.count == 5, "seed \(Self.pinnedSeed)")
    #expect(result.shrunk.scenario.clients == 1)
  }

  @Test func shrunkScheduleIsOneMinimal() throws {
    let (_, schedule) = Self.failingRun()
    let extracted = try #require(schedule)
    let shrunk = try #require(Shrinker.shrink(extracted, keeping: .noDoubleCounting)).shrunk
    for index in shrunk.choices.indices {
      var fewer = shrunk
      fewer.choices.remove(at: index)
      #expect(fewer.run().violation == nil, "without choice \(index)")
    }
  }

  @Test func cleanScheduleDoesNotShrink() {
    let schedule = Schedule(scenario: Bounds().scenario, design: .perReplicaSlots, choices: [])
    #expect(Shrinker.shrink(schedule, keeping: .noDoubleCounting) == nil)
  }
}
