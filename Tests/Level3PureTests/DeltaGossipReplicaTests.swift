import CounterSpec
import Testing

@testable import Level3Pure

/// The liveness example (`--protocol stuck`), one input at a time: a delta goes out once, and a
/// delta the network loses is never sent again.
@Suite struct DeltaGossipReplicaTests {
  let r0 = ReplicaID(0)
  let r1 = ReplicaID(1)
  let r2 = ReplicaID(2)
  let c0 = ClientID(0)
  let first = RequestID(client: ClientID(0), number: 1)
  let second = RequestID(client: ClientID(0), number: 2)
  let other = RequestID(client: ClientID(1), number: 1)
  let config = ReplicaConfig(replicas: 3, gossipInterval: .milliseconds(30))
  /// Half the scenario's period: deltas go out twice as often.
  let rearm = ReplicaAction.startTimer(.gossip, after: .milliseconds(15))

  func replica(_ id: Int, _ disk: Tally? = nil) -> DeltaGossipReplica {
    DeltaGossipReplica(id: ReplicaID(id), config: config, restoring: disk)
  }

  @Test func itIsTheCataloguesStuckProtocol() throws {
    let entry = try #require(ProtocolCatalogue.named("stuck"))
    #expect(ObjectIdentifier(entry.type) == ObjectIdentifier(DeltaGossipReplica.self))
    #expect(!entry.isCorrect)
    #expect(entry.summary.contains("liveness"))
  }

  /// The whole story at the pure step: count, gossip the delta once, lose it (the runtime simply
  /// never delivers it), and every later gossip sends nothing: the lost delta is never resent.
  @Test func aDeltaLostToADropIsNeverResent() {
    var state = replica(0)
    #expect(state.step(.started) == [rearm])

    // 1) A client's increment: counted, written, and remembered for the next gossip.
    let written = Tally(slots: [0, 0, 0], known: RequestSet([first]))
    #expect(state.step(.requested(first, from: c0)) == [.persist(written)])
    #expect(state.unsent == RequestSet([first]))
    #expect(state.value == 1)

    // 2) The gossip sends the delta to each peer in order, then forgets it.
    let delta = Tally(slots: [0, 0, 0], known: RequestSet([first]))
    #expect(state.delta == delta)
    #expect(
      state.step(.timerFired(.gossip)) == [.sync(delta, to: r1), .sync(delta, to: r2), rearm])
    #expect(state.unsent.isEmpty)

    // 3) The network drops the sync to r1: nothing tells the replica. Every later gossip,
    //    before and after the write completes and the client is answered, sends nothing.
    for _ in 0..<3 { #expect(state.step(.timerFired(.gossip)) == [rearm]) }
    #expect(state.step(.persisted(written)) == [.reply(.incremented(first), to: c0)])
    for _ in 0..<3 { #expect(state.step(.timerFired(.gossip)) == [rearm]) }

    // 4) A retry of the same request counts nothing and sends nothing new.
    #expect(state.step(.requested(first, from: c0)) == [.reply(.incremented(first), to: c0)])
    #expect(state.step(.timerFired(.gossip)) == [rearm])
    #expect(state.value == 1 && state.known == RequestSet([first]))
  }

  /// A delta carries only what this replica counted itself since its last gossip.
  @Test func aDeltaHoldsOnlyWhatWasCountedSinceTheLastGossip() {
    var state = replica(1)
    _ = state.step(.started)
    _ = state.step(.requested(first, from: c0))
    _ = state.step(.timerFired(.gossip))
    _ = state.step(.requested(second, from: c0))
    let delta = Tally(slots: [0, 0, 0], known: RequestSet([second]))
    #expect(
      state.step(.timerFired(.gossip)) == [.sync(delta, to: r0), .sync(delta, to: r2), rearm])
  }

  /// What a replica learns from a peer is merged and written, but never passed on.
  @Test func learnedRequestsAreNeverPassedOn() {
    var state = replica(2)
    _ = state.step(.started)
    let theirs = Tally(slots: [0, 0, 0], known: RequestSet([first]))
    #expect(state.step(.synced(theirs, from: r0)) == [.persist(theirs)])
    #expect(state.value == 1 && state.unsent.isEmpty)
    #expect(state.step(.timerFired(.gossip)) == [rearm])
  }

  /// `unsent` is not on the disk: a crash before the gossip loses the delta as a drop does.
  @Test func aRestartForgetsWhatWasNotSentYet() {
    var state = replica(0)
    _ = state.step(.started)
    let written = Tally(slots: [0, 0, 0], known: RequestSet([first]))
    _ = state.step(.requested(first, from: c0))
    _ = state.step(.persisted(written))
    #expect(state.unsent == RequestSet([first]))
    var restarted = replica(0, written)
    #expect(restarted.value == 1 && restarted.unsent.isEmpty)
    #expect(restarted.step(.started) == [rearm])
    #expect(restarted.step(.timerFired(.gossip)) == [rearm])
  }

  /// The same story in the cluster, then settled without faults: gossip fires round after round
  /// and r1 never learns the request; the verdict names r1 and the request.
  @Test func theClusterNeverAgreesAfterTheDrop() throws {
    let scenario = Scenario(replicas: 3, clients: 1, incrementsPerClient: 1)
    var cluster = Cluster<DeltaGossipReplica>(scenario: scenario)
    let delta = Tally(slots: [0, 0, 0], known: RequestSet([first]))
    for choice: Choice in [
      .deliver(.request(first, to: r0)), .completeWrite(r0),
      .deliver(.ack(first, from: r0, to: c0)),
      .fire(.replica(r0, .gossip)), .drop(.sync(delta, from: r0, to: r1)),
      .deliver(.sync(delta, from: r0, to: r2)), .completeWrite(r2),
    ] {
      #expect(cluster.apply(choice) == choice, "\(choice)")
    }
    #expect(cluster.clientsFinished && cluster.inFlight.isEmpty)
    cluster.settle()
    let violation = try #require(cluster.violation)
    #expect(violation.property == .convergence)
    #expect(violation.replica == r1 && violation.request == first)
    #expect(violation.detail == "r0 has 1, r1 has 0; r1 never learned c0#1")
    #expect(cluster.values == [1, 0, 1])
  }
}
