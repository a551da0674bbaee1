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

  /// Each mutant the packed path can run breaks a property somewhere in the course's bounds;
  /// the packed search must find the same violation (after a crash, a lost acknowledgement: a
  /// state read back must still be checked whenever a choice may lose one).
  @Test(
    arguments: [AckBeforeWrite.self, RestartForgets.self, MergeReplaces.self]
      as [any PackableReplica.Type])
  func packedCatchesEachMutantAsThePlainSearchDoes(_ type: any PackableReplica.Type) throws {
    func check<R: PackableReplica>(_: R.Type) throws {
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

  @Test func sameResultForAReplicaDefinedInATestTarget() {
    // `Forwarding` is compiled for nothing in advance: it takes the generic path.
    var bounds = ExplorerTests.small
    bounds.crashes = 1
    let packed = Explorer<Forwarding>.explorePacked(bounds)
    #expect(packed.states == ExplorerTests.smallFixedStates)
    #expect(packed == Explorer<Forwarding>.explore(bounds))
  }

  /// The fixed replica behind a wrapper of this target, packed as the fixed replica packs.
  struct Forwarding: PackableReplica {
    var inner: FixedReplica
    init(id: ReplicaID, config: ReplicaConfig) { inner = FixedReplica(id: id, config: config) }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      inner = FixedReplica(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      inner.step(input, into: &actions)
    }
    var value: Int { inner.value }
    var known: RequestSet { inner.known }
    var description: String { inner.description }
    var isReadyForRequest: Bool { inner.isReadyForRequest }
    func pack(into words: inout WordWriter) { inner.pack(into: &words) }
    init(id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader) {
      inner = FixedReplica(id: id, config: config, unpacking: &words)
    }
  }
}
