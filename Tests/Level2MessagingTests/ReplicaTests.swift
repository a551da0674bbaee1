import CounterSpec
import Dispatch
import Testing

@testable import Level2Messaging

/// Replicas on a perfect, instant network, driven by hand: each test plays the client (and, where
/// needed, a peer) itself. Gossip is set far in the future unless a test wants it.
@Suite(.timeLimit(.minutes(1)))
struct ReplicaTests {
  let c0 = ClientID(0)
  let request = RequestID(client: ClientID(0), number: 1)
  let r0 = ReplicaID(0)
  let r1 = ReplicaID(1)

  /// A network, a recorder, running replicas, and mailboxes for the client and for fake peers.
  struct Cluster {
    let network: Network<Message>
    let recorder: RunRecorder
    let replicas: [Replica]
    let client: Mailbox<Envelope<Message>>
    let fakePeers: [ReplicaID: Mailbox<Envelope<Message>>]

    /// Runs replicas `running` of three; the others are plain mailboxes the test reads.
    init(running: [Int] = [0, 1, 2], gossipIntervalMs: Int = 600_000) {
      let recorder = RunRecorder(replicas: 3)
      let network = Network<Message>(
        faults: NetworkFaults(delayMs: 0...0, dropRate: 0, duplicateRate: 0), seed: 1,
        recorder: recorder)
      self.recorder = recorder
      self.network = network
      replicas = running.map {
        Replica(
          id: ReplicaID($0), replicas: 3, gossipIntervalMs: gossipIntervalMs, network: network,
          recorder: recorder)
      }
      client = network.register(.client(ClientID(0)))
      var peers: [ReplicaID: Mailbox<Envelope<Message>>] = [:]
      for index in 0..<3 where !running.contains(index) {
        peers[ReplicaID(index)] = network.register(.replica(ReplicaID(index)))
      }
      fakePeers = peers
      network.start()
      for replica in replicas { replica.start() }
    }

    /// Sends `message` from client c0 to `replica`.
    func send(_ message: Message, to replica: ReplicaID) {
      network.send(message, from: .client(ClientID(0)), to: .replica(replica))
    }

    /// Stops everything; returns whether every thread ended.
    func stop() -> Bool {
      let networkStopped = network.shutdown(before: deadline(inMilliseconds: 5_000))
      return replicas.map { $0.stop(before: deadline(inMilliseconds: 5_000)) }.allSatisfy { $0 }
        && networkStopped
    }
  }

  @Test func aNewRequestIsCountedInTheReplicasOwnSlotAndAcknowledged() throws {
    let cluster = Cluster()
    cluster.send(.increment(request), to: r0)
    let replies = try receive(1, from: cluster.client)
    #expect(cluster.stop())
    #expect(replies == [Envelope(from: .replica(r0), to: .client(c0), payload: .ack(request))])
    #expect(
      cluster.replicas[0].snapshot == ReplicaState(slots: [1, 0, 0], known: RequestSet([request])))
    #expect(cluster.recorder.observations == [.valueChanged(r0, to: 1, cause: request)])
  }

  @Test func aRetryToTheSameReplicaIsAcknowledgedAgainButNotCounted() throws {
    let cluster = Cluster()
    cluster.send(.increment(request), to: r0)
    cluster.send(.increment(request), to: r0)
    let replies = try receive(2, from: cluster.client).map(\.payload)
    #expect(cluster.stop())
    #expect(replies == [.ack(request), .ack(request)])
    #expect(
      cluster.replicas[0].snapshot == ReplicaState(slots: [1, 0, 0], known: RequestSet([request])))
    #expect(cluster.recorder.observations == [.valueChanged(r0, to: 1, cause: request)])
  }

  /// The flaw, step by step: the retry reaches r1 before r0's gossip does, so both count it.
  @Test func aRetryThatBeatsGossipToAnotherReplicaIsCountedTwice() throws {
    let cluster = Cluster()
    cluster.send(.increment(request), to: r0)  // counted by r0; say its ack is lost...
    _ = try receive(1, from: cluster.client)
    cluster.send(.increment(request), to: r1)  // ...so the client retries at the next replica
    _ = try receive(1, from: cluster.client)
    #expect(
      cluster.replicas[0].snapshot == ReplicaState(slots: [1, 0, 0], known: RequestSet([request])))
    #expect(
      cluster.replicas[1].snapshot == ReplicaState(slots: [0, 1, 0], known: RequestSet([request])))

    // r0's gossip arrives at last. The merge is correct, and the damage is done.
    let state = cluster.replicas[0].snapshot
    cluster.network.send(
      .sync(slots: state.slots, known: state.known), from: .replica(r0), to: .replica(r1))
    let expected = ReplicaState(slots: [1, 1, 0], known: RequestSet([request]))
    try waitUntil("r1 merges r0's state") { cluster.replicas[1].snapshot == expected }
    #expect(cluster.stop())
    #expect(cluster.replicas[1].snapshot.value == 2, "one logical increment, counted twice")

    let history = [Observation.issued(request)] + cluster.recorder.observations
    #expect(
      SpecChecker.check(history, replicas: 3)
        == Violation(
          property: .noDoubleCounting, replica: r1, request: request, step: 4,
          detail: "c0#1 applied by r0 and by r1, value 2 > 1 issued"))
  }

  @Test func syncTakesTheLargerSlotsAndIgnoresStaleOrRepeatedCopies() throws {
    let cluster = Cluster(running: [0])
    let peer = NodeID.replica(r1)
    let c1 = ClientID(1)
    let known = RequestSet((1...3).map { RequestID(client: c1, number: $0) })
    let stale = RequestSet([RequestID(client: c1, number: 1)])
    cluster.network.send(.sync(slots: [0, 2, 1], known: known), from: peer, to: .replica(r0))
    cluster.network.send(.sync(slots: [0, 2, 1], known: known), from: peer, to: .replica(r0))
    cluster.network.send(.sync(slots: [0, 1, 0], known: stale), from: peer, to: .replica(r0))
    // The network keeps one sender's order when delays are equal, so once this ack is back,
    // every sync before it has been handled.
    cluster.send(.increment(request), to: r0)
    _ = try receive(1, from: cluster.client)
    #expect(cluster.stop())
    #expect(
      cluster.replicas[0].snapshot
        == ReplicaState(slots: [1, 2, 1], known: RequestSet(Array(known) + [request])))
    #expect(
      cluster.recorder.observations == [
        .valueChanged(r0, to: 3, cause: nil), .valueChanged(r0, to: 4, cause: request),
      ])
  }

  @Test func gossipSendsTheWholeStateToEveryPeerInAscendingOrder() throws {
    let cluster = Cluster(running: [0], gossipIntervalMs: 10)
    cluster.send(.increment(request), to: r0)
    _ = try receive(1, from: cluster.client)
    let counted = Message.sync(slots: [1, 0, 0], known: RequestSet([request]))
    for peer in [ReplicaID(1), ReplicaID(2)] {
      let mailbox = try #require(cluster.fakePeers[peer])
      // Gossip that fired before the increment carries the empty state; wait for a later one.
      var last: Message?
      try waitUntil("\(peer) hears of \(request)") {
        while case .item(let envelope) = mailbox.take(before: .now()) { last = envelope.payload }
        return last == counted
      }
    }
    #expect(cluster.stop())
    // Every gossip round sends one sync to r1, then one to r2. Deliveries are recorded by the
    // network's thread and timers by the replica's, so a next timer may be recorded between the
    // two deliveries of a round: compare the deliveries alone.
    let sends = cluster.recorder.trace.events.compactMap { event -> String? in
      switch event.kind {
      case .deliver(.replica, .replica(let to), _): "to \(to)"
      default: nil
      }
    }
    let rounds = sends.count / 2
    #expect(rounds >= 1)
    let expected = Array(repeating: ["to r1", "to r2"], count: rounds).flatMap { $0 }
    #expect(Array(sends.prefix(rounds * 2)) == expected)
  }
}
