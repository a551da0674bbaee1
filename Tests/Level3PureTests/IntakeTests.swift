import CounterSpec
import Testing

@testable import Level3Pure

/// The state machine takes a client request when it is ready for one
/// (`CounterReplica.isReadyForRequest`): the cluster holds a request back while its replica is
/// not ready, the simulator hands it over as soon as it is, and the fixed replica never has more
/// than one request in progress. Each test fails if the cluster or the simulator ignores the
/// replica's answer.
@Suite struct IntakeTests {
  let r0 = ReplicaID(0)
  let c0First = RequestID(client: ClientID(0), number: 1)
  let c2First = RequestID(client: ClientID(2), number: 1)
  /// 2 replicas, 3 clients with 1 increment each: c0 and c2 both start at r0.
  let shared = Scenario(replicas: 2, clients: 3, incrementsPerClient: 1, maxAttempts: 2)

  // MARK: - The cluster

  @Test func theFixedReplicaIsReadyOnlyWhenNoAcknowledgementWaits() {
    let c0 = ClientID(0)
    var replica = FixedReplica(id: r0, config: ReplicaConfig(replicas: 2))
    #expect(replica.isReadyForRequest)
    let written = Tally(slots: [0, 0], known: RequestSet([c0First]))
    #expect(replica.step(.requested(c0First, from: c0)) == [.persist(written)])
    #expect(!replica.isReadyForRequest, "c0#1 waits for its write")
    #expect(
      replica.step(.timerFired(.gossip))
        == [.sync(written, to: ReplicaID(1)), .startTimer(.gossip, after: .milliseconds(30))],
      "gossip goes on while it waits")
    #expect(!replica.isReadyForRequest)
    #expect(replica.step(.persisted(written)) == [.reply(.incremented(c0First), to: c0)])
    #expect(replica.isReadyForRequest, "acknowledged: ready for the next one")
  }

  @Test func aRequestWaitsWhileTheFixedReplicaWaitsForAWrite() throws {
    let second = Packet.request(c2First, to: r0)
    let busy = try applying(
      Cluster<FixedReplica>(scenario: shared), [.deliver(.request(c0First, to: r0))])
    #expect(busy.inFlight.contains(second))
    #expect(busy.waits(second))
    #expect(!busy.isReadyForRequest(r0))
    let enabled = busy.enabledChoices()
    #expect(!enabled.contains(.deliver(second)), "not offered while r0 is busy")
    #expect(enabled.contains(.drop(second)) && enabled.contains(.duplicate(second)))
    var refused = busy
    #expect(refused.apply(.deliver(second)) == nil)
    #expect(refused == busy, "a refused delivery changes nothing")

    let written = try applying(busy, [.completeWrite(r0)])
    #expect(!written.waits(second))
    #expect(written.enabledChoices().contains(.deliver(second)))
    let taken = try applying(written, [.deliver(second)])
    #expect(taken.replicas[0]?.known == RequestSet([c0First, c2First]))
    #expect(
      taken.replicas[0]?.awaiting == [
        FixedReplica.PendingAck(request: c2First, client: ClientID(2))
      ])
  }

  @Test func aRequestToAReplicaThatIsDownDoesNotWait() throws {
    let busy = try applying(
      Cluster<FixedReplica>(scenario: shared), [.deliver(.request(c0First, to: r0))])
    let down = try applying(busy, [.crash(r0)])
    let second = Packet.request(c2First, to: r0)
    #expect(!down.waits(second))
    let lost = try applying(down, [.deliver(second)])
    #expect(!lost.inFlight.contains(second))
  }

  @Test func aReplicaThatTakesEveryRequestIsNeverHeldBack() throws {
    let busy = try applying(
      Cluster<TakesEverything>(scenario: shared), [.deliver(.request(c0First, to: r0))])
    let second = Packet.request(c2First, to: r0)
    #expect(!busy.waits(second))
    let taken = try applying(busy, [.deliver(second)])
    #expect(taken.replicas[0]?.base.awaiting.count == 2, "two requests in progress at once")
  }

  /// Settling delivers a waiting request once its replica's write is done, instead of asking
  /// for it again and again.
  @Test func settlingDeliversAWaitingRequestAfterTheWrite() throws {
    var busy = try applying(
      Cluster<FixedReplica>(scenario: shared), [.deliver(.request(c0First, to: r0))])
    let settling = busy.settle()
    #expect(busy.violation == nil)
    let write = try #require(settling.firstIndex(of: .completeWrite(r0)))
    let delivery = try #require(settling.firstIndex(of: .deliver(.request(c2First, to: r0))))
    #expect(write < delivery, "\(settling)")
    #expect(busy.values == [3, 3])
  }

  // MARK: - The simulator

  /// With c0 and c2 sharing r0, some request finds r0 busy: the simulator holds it (a note says
  /// so), hands it over after r0's write, and every increment is counted once.
  @Test func theSimulatorHoldsARequestAndDeliversItOnceTheReplicaIsReady() throws {
    var scenario = shared
    scenario.dropRate = 0
    scenario.duplicateRate = 0
    scenario.clientTimeoutMs = 1_000
    for seed in UInt64(0)..<20 {
      let outcome = Simulator<FixedReplica>.run(scenario.seeded(seed))
      #expect(outcome.violation == nil, "seed \(seed)")
      #expect(outcome.finalValues == [3, 3], "seed \(seed)")
      let kinds = outcome.trace.events.map(\.kind)
      for (index, kind) in kinds.enumerated() {
        guard case .note(.replica(let replica)?, let text) = kind, text.hasPrefix("not ready:")
        else { continue }
        let request = text.split(separator: " ")[3]
        let delivered = kinds[index...].firstIndex {
          if case .deliver(_, .replica(replica), "increment \(request)") = $0 { return true }
          return false
        }
        let persisted = kinds[index...].firstIndex {
          if case .note(.replica(replica), let text) = $0 { return text.hasPrefix("persisted") }
          return false
        }
        let after = try #require(delivered, "seed \(seed): \(request) never delivered")
        #expect(try #require(persisted) < after, "seed \(seed): taken after a write")
      }
    }
    let held = (UInt64(0)..<20).filter { seed in
      Simulator<FixedReplica>.run(scenario.seeded(seed)).trace.text.contains("not ready:")
    }
    #expect(!held.isEmpty, "some seed sends a request to a busy replica")
  }

  /// A run in which requests waited replays as a schedule, choice for choice: the simulator
  /// records a held request's delivery when it hands it over, and by then the cluster takes it.
  @Test func aRunWithWaitingRequestsReplaysExactly() {
    var waited = 0
    for seed in UInt64(0)..<30 {
      let outcome = Simulator<FixedReplica>.run(Scenario.default.withAllFaults().seeded(seed))
      if outcome.trace.text.contains("not ready:") { waited += 1 }
      let replay = outcome.schedule.replay(FixedReplica.self)
      #expect(replay.skipped == 0, "seed \(seed)")
      #expect(replay.applied == outcome.choices, "seed \(seed)")
      #expect(replay.finalValues == outcome.finalValues, "seed \(seed)")
      #expect(replay.violation == nil, "seed \(seed)")
    }
    #expect(waited > 0, "some request waited")
  }

  /// Replays a simulator run choice by choice and returns the most requests any replica had in
  /// progress at once.
  static func mostInProgress<R: CounterReplica>(
    _: R.Type, _ scenario: Scenario, inProgress: (R) -> Int
  ) -> Int {
    let outcome = Simulator<R>.run(scenario)
    var cluster = Cluster<R>(scenario: scenario, recordsTrace: false)
    var most = 0
    for choice in outcome.choices {
      cluster.apply(choice)
      for replica in cluster.replicas { most = max(most, replica.map(inProgress) ?? 0) }
    }
    return most
  }

  /// The bound is the intake's doing: over a seed sweep with every fault, the fixed replica
  /// never has two requests in progress, while the same replica taking every request does.
  @Test func theFixedReplicaHasAtMostOneRequestInProgress() {
    let scenario = Scenario.default.withAllFaults()
    var fixed = 0
    var unbounded = 0
    for seed in UInt64(0)..<200 {
      fixed = max(
        fixed, Self.mostInProgress(FixedReplica.self, scenario.seeded(seed)) { $0.awaiting.count })
      unbounded = max(
        unbounded,
        Self.mostInProgress(TakesEverything.self, scenario.seeded(seed)) {
          $0.base.awaiting.count
        })
    }
    #expect(fixed == 1)
    #expect(unbounded >= 2, "without the bound, requests pile up")
  }

  /// A replica that is never ready starves its clients: no request is ever applied, yet the
  /// simulator ends (the requests wait until the run's end or a client gives up).
  @Test func aReplicaThatIsNeverReadyAppliesNoRequest() {
    for seed in UInt64(0)..<20 {
      let outcome = Simulator<NeverReady>.run(Scenario.faultFree.seeded(seed))
      #expect(outcome.finalValues == [0, 0, 0], "seed \(seed)")
      #expect(!outcome.trace.text.contains("<- c"), "seed \(seed): no request delivered")
      #expect(outcome.trace.text.contains("not ready: increment c0#1 waits"), "seed \(seed)")
    }
  }
}

/// The fixed replica, taking every request as it arrives (the default intake).
struct TakesEverything: FixedVariant {
  var base: FixedReplica
  static var protocolName: String { "takes-everything" }
  init(base: FixedReplica) { self.base = base }
  var isReadyForRequest: Bool { true }
  mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    base.step(input, into: &actions)
  }
}

/// The fixed replica, never ready for a request.
struct NeverReady: FixedVariant {
  var base: FixedReplica
  static var protocolName: String { "never-ready" }
  init(base: FixedReplica) { self.base = base }
  var isReadyForRequest: Bool { false }
  mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    base.step(input, into: &actions)
  }
}
