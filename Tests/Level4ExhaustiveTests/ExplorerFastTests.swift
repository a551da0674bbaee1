import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

/// `exploreFast` is only a cheaper way to store the same search: on every bound it must find the
/// same states, transitions, depth, quiet states and counterexample as the plain `explore`.
@Suite struct ExplorerFastTests {
  @Test func sameResultOnTheFlawAtDepthFive() {
    let plain = Explorer<FlawedReplica>.explore(ExplorerTests.small)
    let fast = Explorer<FlawedReplica>.exploreFast(ExplorerTests.small)
    #expect(plain.counterexample?.depth == 5)
    #expect(fast == plain)
  }

  @Test func sameResultOnAWholeSpaceWithCrashes() {
    var bounds = ExplorerTests.small
    bounds.crashes = 1
    let plain = Explorer<FixedReplica>.explore(bounds)
    let fast = Explorer<FixedReplica>.exploreFast(bounds)
    #expect(plain.counterexample == nil)
    #expect(plain.states == ExplorerTests.smallFixedStates)
    #expect(fast == plain)
  }

  @Test func sameResultOnAConvergenceFailureFoundBySettling() throws {
    let bounds = Bounds.course
    let plain = Explorer<GossipOnce>.explore(bounds)
    let fast = Explorer<GossipOnce>.exploreFast(bounds)
    let found = try #require(plain.counterexample)
    #expect(found.property == .convergence)
    #expect(found.settles)
    #expect(fast == plain)
  }

  @Test func sameResultWhenTheStateLimitStopsTheSearch() {
    var bounds = ExplorerTests.small
    bounds.crashes = 1
    let plain = Explorer<FixedReplica>.explore(bounds, stateLimit: 700)
    let fast = Explorer<FixedReplica>.exploreFast(bounds, stateLimit: 700)
    #expect(plain.isTruncated)
    #expect(fast == plain)
  }

  @Test func sameResultForAReplicaDefinedInATestTarget() {
    // `Forwarding` is compiled for nothing in advance: it takes the generic path.
    var bounds = ExplorerTests.small
    bounds.crashes = 1
    let fast = Explorer<Forwarding>.exploreFast(bounds)
    #expect(fast.states == ExplorerTests.smallFixedStates)
    #expect(fast == Explorer<Forwarding>.explore(bounds))
  }

  /// The fixed replica behind a wrapper of this target.
  struct Forwarding: CounterReplica {
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
  }
}
