import CounterSpec
import Level3Pure

extension Checks {
  // MARK: - 3.8 (stretch) A delta gossip that cannot get stuck

  /// How many seeds of the default scenario, every fault on, your delta gossip must survive.
  public static let deltaSeeds: UInt64 = 200

  /// Exercise 3.8: your replica keeps every property on `deltaSeeds` seeds with every fault on,
  /// and its gossip carries at most 80% of the requests the fixed replica's full-state gossip
  /// carries over the same runs (so sending the whole state every time is not an answer).
  /// - Returns: what it ran and the gossip it saved, for `verify` to show.
  public static func unstuckDelta<R: PureCounterReplica>(_: R.Type) throws -> String {
    if R.isUnsolvedStub { throw NotSolvedYet() }
    let scenario = Scenario.default.withAllFaults()
    var simulator = Simulator<R>(scenario: scenario, recordsTrace: true)
    var fixed = Simulator<FixedReplica>(scenario: scenario, recordsTrace: true)
    var (yours, ours) = (0, 0)
    for seed in 0..<deltaSeeds {
      let outcome = simulator.run(seed: seed)
      if let broken = outcome.violation {
        throw CheckFailure(
          "seed \(seed), every fault on: \(broken) (Simulator<\(R.self)>.run("
            + "Scenario.default.withAllFaults().seeded(\(seed))) replays it)")
      }
      if seed < 50 {
        yours += gossipCarried(outcome.schedule, R.self)
        ours += gossipCarried(fixed.run(seed: seed).schedule, FixedReplica.self)
      }
    }
    guard yours * 10 <= ours * 8 else {
      throw CheckFailure(
        "your gossip carried \(yours) requests over 50 runs, the fixed replica's \(ours): "
          + "that is not a delta (at most 80%)")
    }
    return "\(deltaSeeds) seeds with every fault, none stuck; gossip carried \(yours) requests "
      + "where full state carries \(ours)"
  }

  /// The requests carried by every gossip message sent in a replay of `schedule`.
  static func gossipCarried<R: CounterReplica>(_ schedule: Schedule, _: R.Type) -> Int {
    var cluster = Cluster<R>(scenario: schedule.scenario, recordsTrace: false)
    var carried = 0
    func count() {
      for case .sent(let index) in cluster.effects {
        if case .sync(let tally, _, _) = cluster.inFlight[index] { carried += tally.known.count }
      }
    }
    count()
    for choice in schedule.choices {
      cluster.apply(choice)
      count()
    }
    return carried
  }
}
