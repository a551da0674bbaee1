import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

@Suite struct ExplorerTests {
  /// The smallest bounds that hold the flaw: two replicas, one client, one increment, one retry,
  /// one gossip, one drop and one duplicate (no crash: the flawed replica's other bug, its early
  /// acknowledgement, would show first).
  static let small = Bounds(
    replicas: 2, clients: 1, increments: 1, maxAttempts: 2, maxInFlight: 3, drops: 1,
    duplicates: 1, crashes: 0, retries: 1, gossips: 1)

  // MARK: - Edge cases

  @Test func noClientsMeansOneQuietState() {
    let result = Explorer<FlawedReplica>.explore(
      Bounds(clients: 0, drops: 0, duplicates: 0, gossips: 0))
    #expect(result.states == 1)
    #expect(result.transitions == 0)
    #expect(result.counterexample == nil)
  }

  @Test func singleReplicaCannotDoubleCount() {
    var bounds = Self.small
    bounds.replicas = 1
    let result = Explorer<FlawedReplica>.explore(bounds)
    #expect(result.counterexample == nil)
    #expect(!result.isTruncated)
  }

  // MARK: - The flaw, shortest first

  @Test func flawIsFoundAtDepthFive() throws {
    let result = Explorer<FlawedReplica>.explore(Self.small)
    let found = try #require(result.counterexample)
    #expect(found.property == .noDoubleCounting)
    #expect(found.depth == 5)
    let request = RequestID(client: ClientID(0), number: 1)
    let r0 = ReplicaID(0)
    let r1 = ReplicaID(1)
    // The essay's story without a single fault: r0 counts c0#1 and gossips it, the retry timer
    // fires while the ack is still on its way, the retry reaches r1 before the gossip does, and
    // the gossip then adds the second count.
    #expect(
      found.schedule.choices == [
        .deliver(.request(request, to: r0)),
        .fire(.replica(r0, .gossip)),
        .fire(.client(ClientID(0), .retry(request, attempt: 1))),
        .deliver(.request(request, to: r1)),
        .deliver(.sync(Tally(slots: [1, 0], known: RequestSet([request])), from: r0, to: r1)),
      ])
    #expect(result.depth == 5)
  }

  @Test func counterexampleReplaysInTheScriptedSimulator() throws {
    let found = try #require(Explorer<FlawedReplica>.explore(Self.small).counterexample)
    let replay = found.schedule.replay(FlawedReplica.self)
    let request = RequestID(client: ClientID(0), number: 1)
    #expect(
      replay.violation
        == Violation(
          property: .noDoubleCounting, replica: ReplicaID(1), request: request, step: 4,
          detail: "c0#1 applied by r0 and by r1, value 2 > 1 issued"))
    #expect(replay.violation == found.violation)
    #expect(replay.skipped == 0)
    #expect(replay.applied == found.schedule.choices)
  }

  @Test func fixedProtocolIsCleanWithinTheSameBoundsAndCrashes() {
    var bounds = Self.small
    bounds.crashes = 1
    let result = Explorer<FixedReplica>.explore(bounds)
    #expect(result.counterexample == nil)
    #expect(!result.isTruncated)
    #expect(result.quietStates > 0, "convergence was decided somewhere")
    #expect(result.states == Self.smallFixedStates)
  }

  static let smallFixedStates = 5_144

  @Test func explorationIsDeterministic() {
    #expect(
      Explorer<FlawedReplica>.explore(Self.small) == Explorer<FlawedReplica>.explore(Self.small))
  }

  @Test func progressIsReported() {
    var reports: [Explorer<FixedReplica>.Progress] = []
    let result = Explorer<FixedReplica>.explore(Self.small, progressEvery: 100) {
      reports.append($0)
    }
    #expect(reports.count == result.states / 100 || reports.count > 0)
    #expect(reports.map(\.states) == reports.map(\.states).sorted())
  }

  // MARK: - Every property can fail

  /// Each mutant is caught, by the property it was written to break, within the course bounds.
  @Test(arguments: [
    ("flawed", Property.noLostAcknowledgedIncrement),
    ("ack-before-write", .noLostAcknowledgedIncrement),
    ("gossip-once", .convergence),
    ("no-gossip-after-restart", .convergence),
    ("merge-replaces", .noLostAcknowledgedIncrement),
    ("restart-forgets", .noLostAcknowledgedIncrement),
  ])
  func eachMutantIsCaught(name: String, property: Property) throws {
    let entry = try #require(ProtocolCatalogue.named(name))
    let explored = Self.explore(entry.type, .course)
    let found = try #require(explored.counterexample, "\(name) not caught")
    #expect(found.property == property, "\(name): \(found.violation)")
    #expect(explored.replayed?.property == property, "\(name): the counterexample replays")
  }

  static func explore<R: CounterReplica>(_: R.Type, _ bounds: Bounds)
    -> (counterexample: Exploration.Counterexample?, replayed: Violation?)
  {
    let found = Explorer<R>.explore(bounds).counterexample
    let replay = found.map { $0.schedule.replay(R.self, settling: $0.settles) }
    return (found, replay?.violation)
  }
}
