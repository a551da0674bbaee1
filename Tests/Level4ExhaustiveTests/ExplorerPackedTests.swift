import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

/// `explorePacked` is only a cheaper way to store the same search: on every bound it must find
/// the same states, transitions, depth, quiet states and counterexample as the plain `explore`.
@Suite struct ExplorerPackedTests {
  @Test func sameResultOnTheFlawAtDepthFive() {
    let plain = Explorer<FlawedReplica>.explore(ExplorerTests.small)
    #expect(plain.counterexample?.depth == 5)
    #expect(Explorer<FlawedReplica>.explorePacked(ExplorerTests.small) == plain)
  }

  @Test func packedFindsTheSameLostAcknowledgementWithACrash() throws {
    let plain = Explorer<FlawedReplica>.explore(.course)
    let found = try #require(plain.counterexample)
    #expect(found.property == .noLostAcknowledgedIncrement)
    #expect(Explorer<FlawedReplica>.explorePacked(.course) == plain)
  }

  /// Each mutant breaks a property somewhere in the course's bounds; the packed search must
  /// find the same violation (after a crash, a lost acknowledgement: a state read back must
  /// still be checked whenever a choice may lose one).
  @Test(
    arguments: [
      AckBeforeWrite.self, RestartForgets.self, MergeReplaces.self, NoGossipAfterRestart.self,
    ] as [any CounterReplica.Type])
  func packedCatchesEachMutantAsThePlainSearchDoes(_ type: any CounterReplica.Type) throws {
    func check<R: CounterReplica>(_: R.Type) throws {
      let plain = Explorer<R>.explore(.course)
      _ = try #require(plain.counterexample, "\(R.protocolName)")
      #expect(Explorer<R>.explorePacked(.course) == plain, "\(R.protocolName)")
    }
    try check(type)
  }

  @Test func packedExploresTheSameWholeSpaceOnTwoMoreBounds() {
    // With `sameResultOnAWholeSpaceWithCrashes`, three bounds.
    var twoClients = ExplorerTests.small  // two clients' requests and retries, one crash
    (twoClients.clients, twoClients.drops, twoClients.duplicates, twoClients.crashes) = (2, 0, 0, 1)
    var threeReplicas = ExplorerTests.small  // gossip fan-out to two peers
    (threeReplicas.replicas, threeReplicas.duplicates) = (3, 0)
    for bounds in [twoClients, threeReplicas] {
      let plain = Explorer<FixedReplica>.explore(bounds)
      #expect(plain.counterexample == nil, "\(bounds)")
      #expect(plain.states > 500, "\(bounds)")
      #expect(Explorer<FixedReplica>.explorePacked(bounds) == plain, "\(bounds)")
    }
  }

  @Test func sameResultOnAWholeSpaceWithCrashes() {
    var bounds = ExplorerTests.small
    bounds.crashes = 1
    let plain = Explorer<FixedReplica>.explore(bounds)
    #expect(plain.counterexample == nil)
    #expect(plain.states == ExplorerTests.smallFixedStates)
    #expect(Explorer<FixedReplica>.explorePacked(bounds) == plain)
  }

  @Test func sameResultOnAConvergenceFailureFoundBySettling() throws {
    let bounds = Bounds.course
    let plain = Explorer<GossipOnce>.explore(bounds)
    let found = try #require(plain.counterexample)
    #expect(found.property == .convergence)
    #expect(found.settles)
    #expect(Explorer<GossipOnce>.explorePacked(bounds) == plain)
  }

  @Test func sameResultWhenTheStateLimitStopsTheSearch() {
    var bounds = ExplorerTests.small
    bounds.crashes = 1
    let plain = Explorer<FixedReplica>.explore(bounds, stateLimit: 700)
    #expect(plain.isTruncated)
    #expect(Explorer<FixedReplica>.explorePacked(bounds, stateLimit: 700) == plain)
  }

  /// A replica this target defines (nothing packs it, nothing is compiled for it in advance)
  /// runs through the same packed search: the same results as `explore` on a whole space with
  /// crashes and on the flaw. (Other bounds are the fixed replica's, above: this one runs the
  /// same code, slower in a debug build.)
  @Test func sameResultForAReplicaDefinedInATestTarget() throws {
    var crashes = ExplorerTests.small
    crashes.crashes = 1
    let plain = Explorer<Forwarding<FixedReplica>>.explore(crashes)
    #expect(plain.counterexample == nil)
    #expect(plain.states == ExplorerTests.smallFixedStates)
    #expect(Explorer<Forwarding<FixedReplica>>.explorePacked(crashes) == plain)
    let flawed = Explorer<Forwarding<FlawedReplica>>.explore(.course)
    _ = try #require(flawed.counterexample)
    #expect(Explorer<Forwarding<FlawedReplica>>.explorePacked(.course) == flawed)
  }

  /// A replica of the course behind a wrapper of this target: no packing, only the protocol.
  struct Forwarding<Inner: CounterReplica>: CounterReplica {
    var inner: Inner
    static var protocolName: String { Inner.protocolName }
    init(id: ReplicaID, config: ReplicaConfig) { inner = Inner(id: id, config: config) }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      inner = Inner(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      inner.step(input, into: &actions)
    }
    var value: Int { inner.value }
    var known: RequestSet { inner.known }
    var description: String { inner.description }
    var isReadyForRequest: Bool { inner.isReadyForRequest }
  }
}
