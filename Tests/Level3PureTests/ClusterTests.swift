import CounterSpec
import Testing

@testable import Level3Pure

/// The interpreter's own semantics: each fault the cluster models, shown to happen. Each test
/// fails if that behaviour is taken out of `Cluster.apply`.
@Suite struct ClusterTests {
  let r0 = ReplicaID(0)
  let r1 = ReplicaID(1)
  let c0 = ClientID(0)
  let first = RequestID(client: ClientID(0), number: 1)
  /// 2 replicas, 1 client with 1 increment.
  let scenario = Scenario(replicas: 2, clients: 1, incrementsPerClient: 1, maxAttempts: 2)

  func fresh<R: CounterReplica>(_: R.Type = FixedReplica.self) -> Cluster<R> {
    Cluster<R>(scenario: scenario)
  }

  // MARK: - The start

  @Test func everyReplicaAndClientIsStarted() {
    let cluster = fresh()
    #expect(cluster.replicaTimers == [[.gossip], [.gossip]])
    #expect(cluster.clientTimers == [[.retry(first, attempt: 1)]])
    #expect(cluster.inFlight == [.request(first, to: r0)])
    #expect(cluster.disks == [nil, nil])
    #expect(cluster.checker.issued == RequestSet([first]))
  }

  // MARK: - The disk

  @Test func aWriteReachesTheDiskOnlyWhenItCompletes() throws {
    let applied = try applying(fresh(), [.deliver(.request(first, to: r0))])
    let written = Tally(slots: [0, 0], known: RequestSet([first]))
    #expect(applied.writes[0] == [written])
    #expect(applied.disks[0] == nil, "still in flight")
    #expect(!applied.inFlight.contains(.ack(first, from: r0, to: c0)), "fixed waits for it")
    let done = try applying(applied, [.completeWrite(r0)])
    #expect(done.disks[0] == written)
    #expect(done.writes[0].isEmpty)
    #expect(done.inFlight == [.ack(first, from: r0, to: c0)], "the completion was delivered")
  }

  @Test func aCrashKeepsOnlyWhatReachedTheDisk() throws {
    // Two clients: c0 asks r0, c1 asks r1. r0 writes c0#1 to disk, then learns c1#1 by gossip
    // (the flawed replica does not write what it learns).
    let other = RequestID(client: ClientID(1), number: 1)
    var two = scenario
    two.clients = 2
    let learned = try applying(
      Cluster<FlawedReplica>(scenario: two),
      [
        .deliver(.request(first, to: r0)), .completeWrite(r0), .deliver(.request(other, to: r1)),
        .fire(.replica(r1, .gossip)),
        .deliver(.sync(Tally(slots: [0, 1], known: RequestSet([other])), from: r1, to: r0)),
      ])
    #expect(learned.replicas[0]!.known == RequestSet([first, other]))
    let crashed = try applying(learned, [.crash(r0)])
    #expect(crashed.replicas[0] == nil)
    #expect(crashed.replicaTimers[0].isEmpty, "a crash forgets the pending timers")
    let restarted = try applying(crashed, [.restart(r0)])
    #expect(restarted.replicas[0]!.known == RequestSet([first]), "only the disk came back")
    #expect(restarted.replicaTimers[0] == [.gossip], "started again: the timer is re-armed")
  }

  @Test func aWriteInFlightIsLostInACrash() throws {
    let crashed = try applying(
      fresh(FlawedReplica.self), [.deliver(.request(first, to: r0)), .crash(r0)])
    #expect(crashed.writes[0].isEmpty)
    #expect(crashed.disks[0] == nil)
    #expect(!crashed.enabledChoices().contains(.completeWrite(r0)))
    let restarted = try applying(crashed, [.restart(r0)])
    #expect(restarted.replicas[0]!.value == 0)
  }

  // MARK: - The network

  @Test func aCutLinkDeliversNothingUntilItHeals() throws {
    let gossiped = try applying(fresh(), [.cut(from: r1, to: r0), .fire(.replica(r1, .gossip))])
    let sync = Packet.sync(Tally(replicas: 2), from: r1, to: r0)
    #expect(gossiped.inFlight.contains(sync))
    var blocked = gossiped
    #expect(blocked.apply(.deliver(sync)) == nil, "blocked by the partition")
    #expect(!gossiped.enabledChoices().contains(.deliver(sync)))
    #expect(gossiped.enabledChoices().contains(.drop(sync)), "it can still be lost")
    let healed = try applying(gossiped, [.heal, .deliver(sync)])
    #expect(!healed.inFlight.contains(sync))
  }

  @Test func dropsAndDuplicatesHappen() throws {
    let request = Packet.request(first, to: r0)
    let doubled = try applying(fresh(), [.duplicate(request)])
    #expect(doubled.inFlight == [request, request])
    // The fixed replica takes the copy once its write is done (see `IntakeTests`).
    let twice = try applying(doubled, [.deliver(request), .completeWrite(r0), .deliver(request)])
    #expect(twice.replicas[0]!.value == 1, "the fixed replica counts a duplicate once")
    let dropped = try applying(fresh(), [.drop(request)])
    #expect(dropped.inFlight.isEmpty)
    var gone = dropped
    #expect(gone.apply(.deliver(request)) == nil)
  }

  @Test func aMessageToAReplicaThatIsDownIsLost() throws {
    let lost = try applying(fresh(), [.crash(r0), .deliver(.request(first, to: r0))])
    #expect(lost.inFlight.isEmpty)
    #expect(lost.writes[0].isEmpty && lost.replicas[0] == nil)
  }

  // MARK: - Timers

  @Test func timersAreExactlyThoseStarted() throws {
    var cluster = fresh()
    #expect(cluster.apply(.fire(.replica(r0, .gossip))) != nil)
    #expect(cluster.replicaTimers[0] == [.gossip], "gossip re-armed itself")
    // The retry timer fires once; after it the client waits on attempt 2's timer only.
    #expect(cluster.apply(.fire(.client(c0, .retry(first, attempt: 1)))) != nil)
    #expect(cluster.clientTimers[0] == [.retry(first, attempt: 2)])
    #expect(cluster.apply(.fire(.client(c0, .retry(first, attempt: 1)))) == nil, "not pending")
  }

  @Test func aReplicaThatDoesNotRearmHasNoTimer() throws {
    let cluster = try applying(fresh(GossipOnce.self), [.fire(.replica(r0, .gossip))])
    #expect(cluster.replicaTimers[0].isEmpty)
    #expect(!cluster.enabledChoices().contains(.fire(.replica(r0, .gossip))))
  }

  // MARK: - Identity

  @Test func equalClustersAreEqualWhateverTheOrderOfTheirMessages() throws {
    let a = try applying(
      fresh(), [.fire(.replica(r0, .gossip)), .fire(.replica(r1, .gossip))])
    let b = try applying(
      fresh(), [.fire(.replica(r1, .gossip)), .fire(.replica(r0, .gossip))])
    #expect(a.inFlight != b.inFlight, "sent in another order")
    #expect(a == b)
    #expect(Set([a, b]).count == 1)
  }
}

/// A failure inside a test helper: thrown, never `fatalError`.
struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
