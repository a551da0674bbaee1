import CounterSpec

/// A seed sweep: runs one scenario under many seeds and stops at the first that breaks a property.
public enum Sweep {
  /// What a sweep found.
  public struct Result: Equatable, Sendable {
    /// How many seeds ran (the failing one included).
    public let seedsRun: Int
    /// How many events they processed in all.
    public let events: Int
    /// The first failing seed and its outcome, if any.
    public let failure: Simulator.Outcome?
  }

  /// Runs `scenario` under each seed of `seeds`, in order, without traces.
  /// - Parameters:
  ///   - progress: called every `progressEvery` seeds with the number run so far.
  /// - Returns: the first failing seed, re-run with its trace recorded, or none.
  public static func run(
    _ scenario: Scenario, seeds: Range<UInt64>, design: Replica.Design = .perReplicaSlots,
    progressEvery: Int = 1_000, progress: (Int) -> Void = { _ in }
  ) -> Result {
    var events = 0
    var count = 0
    var simulator = Simulator(
      scenario: scenario.seeded(seeds.lowerBound), design: design, recordsTrace: false)
    for seed in seeds {
      let outcome = simulator.run(seed: seed)
      count += 1
      events += outcome.events
      if outcome.violation != nil {
        let replay = Simulator.run(scenario.seeded(seed), design: design, recordsTrace: true)
        return Result(seedsRun: count, events: events, failure: replay)
      }
      if count % progressEvery == 0 { progress(count) }
    }
    return Result(seedsRun: count, events: events, failure: nil)
  }
}
