import CounterSpec

/// A seed sweep: runs one scenario under many seeds and stops at the first that breaks a property.
public enum Sweep {
  /// What a sweep found.
  public struct Result<R: CounterReplica>: Equatable, Sendable {
    /// How many seeds ran (the failing one included).
    public let seedsRun: Int
    /// How many events they processed in all.
    public let events: Int
    /// The first failing seed and its outcome, if any.
    public let failure: Simulator<R>.Outcome?
  }

  /// Runs `scenario` with `R` replicas under each seed of `seeds`, in order, without traces.
  /// - Parameters:
  ///   - progress: called every `progressEvery` seeds with the number run so far.
  /// - Returns: how many seeds ran, and the first failing one, re-run with its trace recorded.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public static func run<R: CounterReplica>(
    _: R.Type, _ scenario: Scenario, seeds: Range<UInt64>, progressEvery: Int = 1_000,
    progress: (Int) -> Void = { _ in }
  ) -> Result<R> {
    var events = 0
    var count = 0
    var simulator = Simulator<R>(scenario: scenario.seeded(seeds.lowerBound), recordsTrace: false)
    for seed in seeds {
      let outcome = simulator.run(seed: seed)
      count += 1
      events += outcome.events
      if outcome.violation != nil {
        let replay = Simulator<R>.run(scenario.seeded(seed), recordsTrace: true)
        return Result(seedsRun: count, events: events, failure: replay)
      }
      if count % progressEvery == 0 { progress(count) }
    }
    return Result(seedsRun: count, events: events, failure: nil)
  }

  /// Sweeps the flawed protocol: see `run(_:_:seeds:progressEvery:progress:)`.
  public static func run(
    _ scenario: Scenario, seeds: Range<UInt64>, progressEvery: Int = 1_000,
    progress: (Int) -> Void = { _ in }
  ) -> Result<FlawedReplica> {
    run(
      FlawedReplica.self, scenario, seeds: seeds, progressEvery: progressEvery, progress: progress)
  }
}
