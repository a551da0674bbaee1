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

  /// Exercise 3.1: your replica must do exactly what the fixed `Level3Pure.Replica` does, for
  /// every message, in every state reached by 300 seeded random stories of 40 messages.
  public static func pureReplica<R: PureCounterReplica>(_ type: R.Type) throws {
    let peers = 3
    for story in 0..<300 {
      var random = SeededGenerator(seed: UInt64(story))
      let id = ReplicaID(random.int(in: 0...(peers - 1)))
      var yours = R(id: id, replicas: peers, gossipInterval: .milliseconds(30))
      var ours = Replica(
        id: id, replicas: peers, design: .distinctRequests, gossipInterval: .milliseconds(30))
      var other = Replica(
        id: ReplicaID((id.index + 1) % peers), replicas: peers, design: .distinctRequests,
        gossipInterval: .milliseconds(30))
      for step in 0..<40 {
        let message = randomMessage(&random, peer: other.id, peerTally: other.tally)
        if case .incrementRequested = message, random.chance(0.3) {
          _ = other.step(message)  // the peer learns some requests too, so syncs carry news
        }
        let expected = ours.step(message)
        let got = try yours.step(message)
        guard got == expected else {
          throw CheckFailure(
            "story \(story), step \(step + 1), \(id) handling '\(message)': you returned "
              + "\(got.map(describe)), expected \(expected.map(describe))")
        }
        let value = try yours.value()
        guard value == ours.value else {
          throw CheckFailure(
            "story \(story), step \(step + 1), after '\(message)': value \(value), "
              + "expected \(ours.value)")
        }
      }
    }
  }

  private static func randomMessage(
    _ random: inout SeededGenerator, peer: ReplicaID, peerTally: Tally
  ) -> Message {
    switch random.int(in: 0...9) {
    case 0...4:
      let request = RequestID(
        client: ClientID(random.int(in: 0...1)), number: random.int(in: 1...4))
      return .incrementRequested(request, from: request.client)
    case 5...6: return .synced(peerTally, from: peer)
    case 7...8: return .timerFired(.gossip)
    default: return .restarted
    }
  }

  private static func describe(_ action: Action) -> String {
    switch action {
    case .send(let message, let to): "send(\(message), to: \(to))"
    case .reply(let reply, let to): "reply(\(reply), to: \(to))"
    case .startTimer(let timer, let after): "startTimer(\(timer), after: \(after))"
    case .persist(let tally): "persist(\(tally))"
    }
  }

  // MARK: - 3.2 Pin it, then fix it

  /// Exercise 3.2: the seed must break the flawed protocol and leave the fixed one clean.
  public static func pinnedSeed(_ answer: () throws -> UInt64) throws {
    let seed = try answer()
    let scenario = Scenario.default.seeded(seed)
    guard let violation = Simulator.run(scenario, design: .perReplicaSlots).violation else {
      throw CheckFailure("seed \(seed) does not break the flawed protocol; sweep for one")
    }
    if let still = Simulator.run(scenario, design: .distinctRequests).violation {
      throw CheckFailure("seed \(seed) breaks the fixed protocol too: \(still)")
    }
    _ = violation
  }

  // MARK: - 4.1 The shortest story

  /// The bounds of Exercise 4.1: `workshop level4`'s defaults (2 replicas, 1 client, 2
  /// increments).
  public static let storyBounds = Bounds.course

  /// The explorer's shortest counterexample for `storyBounds`, found once per process.
  static let shortestDepth: Int? = Explorer.explore(storyBounds).counterexample?.depth

  /// Exercise 4.1: the schedule must replay without skipping a choice, break no double counting,
  /// and be as short as the explorer's shortest counterexample.
  public static func shortestStory(_ answer: () throws -> [Choice]) throws {
    let choices = try answer()
    let outcome = Schedule(
      scenario: storyBounds.scenario, design: .perReplicaSlots, choices: choices
    ).run()
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
