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
  // Levels 1 and 2: Checks+Level1.swift, Checks+Level2.swift.

  // MARK: - 3.1 The pure step

  /// Exercise 3.1: your replica must do exactly what `Level3Pure.FixedReplica` does, for every
  /// input, in every state reached by 300 seeded random stories of 40 inputs (restarts from disk
  /// included); then it runs in the simulator, all faults on, and must keep every property.
  public static func pureReplica<R: PureCounterReplica>(_ type: R.Type) throws {
    if R.isUnsolvedStub { throw NotSolvedYet() }
    let config = ReplicaConfig(replicas: 3, gossipInterval: .milliseconds(30))
    for story in 0..<300 {
      var random = SeededGenerator(seed: UInt64(story))
      let id = ReplicaID(random.int(in: 0...(config.replicas - 1)))
      var yours = R(id: id, config: config)
      var ours = FixedReplica(id: id, config: config)
      var other = FixedReplica(id: ReplicaID((id.index + 1) % config.replicas), config: config)
      var writes: [Tally] = []  // ours' writes in flight, oldest first
      var disk: Tally?
      for step in 0..<40 {
        var input = randomInput(&random, peer: other.id, peerTally: other.tally)
        if case .persisted = input {
          guard !writes.isEmpty else { continue }
          disk = writes.removeFirst()
          input = .persisted(disk!)
        }
        if case .started = input {  // a crash and a restart from disk
          writes.removeAll()
          yours = R(id: id, config: config, restoring: disk)
          ours = FixedReplica(id: id, config: config, restoring: disk)
        }
        if case .requested = input, random.chance(0.3) {
          _ = other.step(input)  // the peer learns some requests too, so syncs carry news
        }
        let expected = ours.step(input)
        var got: [ReplicaAction] = []
        yours.step(input, into: &got)
        for case .persist(let tally) in expected { writes.append(tally) }
        guard got == expected else {
          throw CheckFailure(
            "story \(story), step \(step + 1), \(id) handling '\(input)': you returned "
              + "\(got), expected \(expected)")
        }
        guard yours.value == ours.value else {
          throw CheckFailure(
            "story \(story), step \(step + 1), after '\(input)': value \(yours.value), "
              + "expected \(ours.value)")
        }
      }
    }
    let scenario = Scenario.default.withAllFaults()
    for seed in UInt64(0)..<50 {
      if let broken = Simulator<R>.run(scenario.seeded(seed), recordsTrace: false).violation {
        throw CheckFailure("in the simulator, all faults on, seed \(seed): \(broken)")
      }
    }
  }

  private static func randomInput(
    _ random: inout SeededGenerator, peer: ReplicaID, peerTally: Tally
  ) -> ReplicaInput {
    switch random.int(in: 0...11) {
    case 0...4:
      let request = RequestID(
        client: ClientID(random.int(in: 0...1)), number: random.int(in: 1...4))
      return .requested(request, from: request.client)
    case 5...6: return .synced(peerTally, from: peer)
    case 7...8: return .timerFired(.gossip)
    case 9...10: return .persisted(Tally(replicas: 1))  // replaced by the oldest write
    default: return .started
    }
  }

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
