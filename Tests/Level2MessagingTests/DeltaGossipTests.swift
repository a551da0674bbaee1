import CounterSpec
import Dispatch
import Testing

@testable import Level2Messaging

/// The stuck protocol's rule, by hand: a delta is sent once, and a lost one is never sent again.
///
/// The loss is made deterministic without any timing race: r0's peers are not registered on the
/// network when its first delta goes out, so the network drops both copies (as it drops anything
/// sent to a node nobody registered: a peer that is down). Then the peers come up.
@Suite(.timeLimit(.minutes(1)))
struct DeltaGossipTests {
  let c0 = ClientID(0)
  let r0 = ReplicaID(0)
  let peers = [ReplicaID(1), ReplicaID(2)]
  func request(_ number: Int) -> RequestID { RequestID(client: ClientID(0), number: number) }

  /// r0 alone on a perfect, instant network, gossiping every 10 ms; nobody else is up yet.
  struct Lonely {
    let network: Network<Message>
    let recorder = RunRecorder(replicas: 3)
    let replica: Replica
    let client: Mailbox<Envelope<Message>>

    init(_ replicaProtocol: ReplicaProtocol) {
      network = Network<Message>(
        faults: NetworkFaults(delayMs: 0...0, dropRate: 0, duplicateRate: 0), seed: 1,
        recorder: recorder)
      replica = Replica(
        id: ReplicaID(0), replicas: 3, gossipIntervalMs: 10, network: network, recorder: recorder,
        replicaProtocol: replicaProtocol)
      client = network.register(.client(ClientID(0)))
      network.start()
      replica.start()
    }

    /// Client c0 sends `request` to r0 and waits for the ack.
    func count(_ request: RequestID) throws {
      network.send(.increment(request), from: .client(ClientID(0)), to: .replica(ReplicaID(0)))
      let replies = try receive(1, from: client).map(\.payload)
      guard replies == [.ack(request)] else { throw TestFailure("expected ack, got \(replies)") }
    }

    /// How many times r0's gossip timer has fired so far.
    var gossips: Int {
      recorder.trace.events.filter {
        if case .timer(.replica, "gossip") = $0.kind { true } else { false }
      }.count
    }

    func stop() -> Bool {
      let networkStopped = network.shutdown(before: deadline(inMilliseconds: 5_000))
      return replica.stop(before: deadline(inMilliseconds: 5_000)) && networkStopped
    }
  }

  /// The liveness bug itself. r0 counts c0#1; its delta to r1 and r2 is lost; the peers come up
  /// and r0 gossips again and again, but never repeats c0#1. Its next delta carries c0#2 only.
  @Test func aDeltaLostToADropIsNeverSentAgain() throws {
    let cluster = Lonely(.stuck)
    try cluster.count(request(1))
    #expect(
      cluster.replica.snapshot
        == ReplicaState(
          slots: [1, 0, 0], known: RequestSet([request(1)]), countsDistinctRequests: true))

    // r0's next gossip sends its delta to both peers, and both copies are lost.
    try waitUntil("r0's delta is dropped twice") { cluster.network.statistics.dropped == 2 }
    let drops = cluster.recorder.trace.events.compactMap { event -> String? in
      if case .drop = event.kind { event.text } else { nil }
    }
    #expect(
      drops == [
        "r0 -x r1  sync [1,0,0] {c0#1}  (dropped)", "r0 -x r2  sync [1,0,0] {c0#1}  (dropped)",
      ])

    // The peers come up. Three more gossip rounds: r0 has no news, so it sends nothing at all.
    let mailboxes = peers.map { cluster.network.register(.replica($0)) }
    let sentBefore = cluster.network.statistics.sent
    let gossipsBefore = cluster.gossips
    try waitUntil("r0 gossips three more times") { cluster.gossips >= gossipsBefore + 3 }
    #expect(cluster.network.statistics.sent == sentBefore, "nothing resent")
    #expect(mailboxes.map(\.count) == [0, 0])

    // New news travels, the lost news never does: r1 and r2 will never learn c0#1.
    try cluster.count(request(2))
    let delta = Message.sync(slots: [2, 0, 0], known: RequestSet([request(2)]))
    for (peer, mailbox) in zip(peers, mailboxes) {
      let received = try receive(1, from: mailbox).map(\.payload)
      #expect(received == [delta], "\(peer)")
    }
    #expect(cluster.stop())
    #expect(cluster.replica.snapshot.value == 2)
  }

  /// The contrast: full-state gossip (the flawed protocol) repeats everything every round, so the
  /// same loss heals at the first gossip after the peers come up.
  @Test func fullStateGossipRepeatsWhatWasLost() throws {
    let cluster = Lonely(.flawed)
    try cluster.count(request(1))
    let state = Message.sync(slots: [1, 0, 0], known: RequestSet([request(1)]))
    try waitUntil("r0's state is dropped twice") {
      cluster.recorder.trace.events.filter {
        if case .drop(_, _, "\(state)") = $0.kind { true } else { false }
      }.count >= 2
    }
    let mailboxes = peers.map { cluster.network.register(.replica($0)) }
    for (peer, mailbox) in zip(peers, mailboxes) {
      let received = try receive(1, from: mailbox).map(\.payload)
      #expect(received == [state], "\(peer)")
    }
    #expect(cluster.stop())
  }

  /// The stuck protocol counts distinct requests: a retry counted by two replicas counts once.
  @Test func aRetryCountedByTwoReplicasCountsOnce() {
    let counted = RequestSet([request(1)])
    var r0 = ReplicaState(slots: [1, 0, 0], known: counted, countsDistinctRequests: true)
    let r1 = ReplicaState(slots: [0, 1, 0], known: counted, countsDistinctRequests: true)
    r0.slots = zip(r0.slots, r1.slots).map { max($0, $1) }
    r0.known.formUnion(r1.known)
    #expect(r0.value == 1)
    #expect(ReplicaState(slots: [1, 1, 0], known: counted).value == 2, "the flawed sum")
  }
}

/// What a run says when replicas still disagree after settling.
@Suite struct DisagreementTests {
  let c0 = ClientID(0)
  func request(_ number: Int) -> RequestID { RequestID(client: ClientID(0), number: number) }
  func state(_ known: [RequestID]) -> ReplicaState {
    ReplicaState(
      slots: [known.count, 0, 0], known: RequestSet(known), countsDistinctRequests: true)
  }

  @Test func namesTheReplicasTheirValuesAndWhatOneNeverLearned() {
    let all = [request(1), request(2), request(3)]
    let disagreement = Disagreement(
      [state(all), state([request(1)]), state(all)], waited: "after 300 ms of settling")
    #expect(disagreement.breaksConvergence)
    #expect(disagreement.replica == ReplicaID(1))
    #expect(disagreement.request == request(2))
    #expect(disagreement.missing(by: ReplicaID(1)) == [request(2), request(3)])
    #expect(
      disagreement.detail
        == "r0 and r2 have 3, r1 has 1 after 300 ms of settling; r1 never learned {c0#2,c0#3}")

    let recorder = RunRecorder(replicas: 3)
    let violation = recorder.finish(finalValues: [3, 1, 3], disagreement: disagreement)
    #expect(
      violation
        == Violation(
          property: .convergence, replica: ReplicaID(1), request: request(2), step: 0,
          detail: disagreement.detail))
    #expect(
      violation?.description
        == "convergence broken on r1 at step 0 (c0#2): r0 and r2 have 3, r1 has 1 after 300 ms"
        + " of settling; r1 never learned {c0#2,c0#3}")
  }

  /// Equal values are no comfort when each replica lacks what another counted.
  @Test func equalValuesWithDifferentKnowledgeStillBreakConvergence() {
    let disagreement = Disagreement(
      [state([request(1), request(2)]), state([request(1), request(3)])], waited: "now")
    #expect(!disagreement.valuesDiffer)
    #expect(disagreement.breaksConvergence)
    #expect(disagreement.replica == ReplicaID(0))
    #expect(
      disagreement.detail
        == "r0 and r1 have 2 now; r0 never learned {c0#3}; r1 never learned {c0#2}")
  }

  /// Agreement is not a violation, and a violation during the run keeps priority.
  @Test func agreementIsNoViolationAndAnEarlierViolationComesFirst() {
    let same = state([request(1)])
    #expect(!Disagreement([same, same, same], waited: "now").breaksConvergence)
    let recorder = RunRecorder(replicas: 3)
    recorder.observe(.valueChanged(ReplicaID(0), to: 1, cause: request(1)))
    let disagreement = Disagreement([same, state([]), state([])], waited: "now")
    #expect(
      recorder.finish(finalValues: [1, 0, 0], disagreement: disagreement)?.property
        == .noDoubleCounting)
  }
}
