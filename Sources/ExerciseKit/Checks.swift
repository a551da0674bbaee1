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
