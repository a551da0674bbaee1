import CounterSpec
import Testing

@testable import Level3Pure

@Suite struct SimulatorTests {
  // MARK: - Edge cases

  @Test func noClientsMeansNothingToCheck() {
    let outcome = Simulator.run(Scenario(clients: 0))
    #expect(outcome.violation == nil)
    #expect(outcome.finalValues == [0, 0, 0])
  }

  @Test func singleReplicaCannotDoubleCount() {
    // With one replica every retry lands where the first attempt did, and dedup catches it.
    let result = Sweep.run(Scenario(replicas: 1), seeds: 0..<500)
    #expect(result.failure == nil, "seed \(result.failure?.scenario.seed ?? 0)")
  }

  // MARK: - Behaviour

  @Test(arguments: Replica.Design.allCases)
  func faultFreeRunCountsEveryIncrementOnce(design: Replica.Design) {
    for seed in UInt64(0)..<50 {
      let outcome = Simulator.run(Scenario.faultFree.seeded(seed), design: design)
      #expect(outcome.violation == nil, "seed \(seed)")
      #expect(outcome.finalValues == [6, 6, 6], "seed \(seed)")
    }
  }

  @Test func sameSeedGivesTheSameRunEveryTime() {
    let first = Simulator.run(Scenario.default.seeded(0))
    for _ in 0..<20 {
      #expect(Simulator.run(Scenario.default.seeded(0)) == first)
    }
  }

  @Test func recordingTheTraceDoesNotChangeTheRun() {
    for seed in UInt64(0)..<30 {
      let recorded = Simulator.run(Scenario.default.seeded(seed), recordsTrace: true)
      let silent = Simulator.run(Scenario.default.seeded(seed), recordsTrace: false)
      #expect(recorded.violation == silent.violation, "seed \(seed)")
      #expect(recorded.events == silent.events, "seed \(seed)")
      #expect(recorded.finalValues == silent.finalValues, "seed \(seed)")
      #expect(silent.trace.events.isEmpty)
    }
  }

  @Test func differentSeedsTellDifferentStories() {
    let fingerprints = Set(
      (UInt64(0)..<20).map { Simulator.run(Scenario.default.seeded($0)).trace.fingerprint })
    #expect(fingerprints.count == 20)
  }

  @Test func traceEndsWithTheViolationItReports() throws {
    let outcome = Simulator.run(Scenario.default.seeded(Self.pinnedSeed))
    let violation = try #require(outcome.violation)
    #expect(outcome.trace.events.last?.kind == .violation(violation))
  }

  // MARK: - The flaw, found and pinned

  /// The first failing seed of the default scenario, found by `workshop level3 sweep`.
  static let pinnedSeed: UInt64 = 1

  @Test func pinnedSeedStillDoubleCounts() {
    let outcome = Simulator.run(Scenario.default.seeded(Self.pinnedSeed))
    #expect(
      outcome.violation
        == Violation(
          property: .noDoubleCounting, replica: ReplicaID(0), request: nil, step: 12,
          detail: "value 5 > 4 issued"),
      "seed \(Self.pinnedSeed)")
  }

  @Test func sweepFindsTheFlawWithinAHundredSeeds() throws {
    let result = Sweep.run(Scenario.default, seeds: 0..<100)
    let failure = try #require(result.failure)
    #expect(failure.violation?.property == .noDoubleCounting, "seed \(failure.scenario.seed)")
  }

  @Test func fixedProtocolSurvivesTenThousandSeedsWithAllFaults() {
    let result = Sweep.run(
      Scenario.default.withAllFaults(), seeds: 0..<10_000, design: .distinctRequests)
    #expect(result.seedsRun == 10_000)
    #expect(
      result.failure == nil,
      "seed \(result.failure?.scenario.seed ?? 0): \(String(describing: result.failure?.violation))"
    )
  }

  @Test func allFaultsReallyCrashAndPartition() {
    var crashes = 0
    var partitions = 0
    for seed in UInt64(0)..<200 {
      let outcome = Simulator.run(
        Scenario.default.withAllFaults().seeded(seed), design: .distinctRequests)
      for event in outcome.trace.events {
        if case .crash = event.kind { crashes += 1 }
        if case .note(nil, let text) = event.kind, text.hasPrefix("PARTITION") { partitions += 1 }
      }
    }
    #expect(crashes > 10)
    #expect(partitions > 10)
  }
}
