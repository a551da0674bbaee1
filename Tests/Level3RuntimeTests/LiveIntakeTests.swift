import CounterSpec
import Level3Pure
import Testing

@testable import Level3Runtime

/// The live runtime honours `CounterReplica.isReadyForRequest`: a client request that arrives
/// while the replica is not ready waits in the node's own queue, and is handed to `step` once a
/// step leaves the replica ready.
@Suite struct LiveIntakeTests {
  /// The fixed replica, not ready for any request until its first gossip timer fired.
  struct ReadyAfterFirstGossip: CounterReplica {
    var base: FixedReplica
    var hasGossiped = false

    static var protocolName: String { "ready-after-first-gossip" }

    init(id: ReplicaID, config: ReplicaConfig) {
      base = FixedReplica(id: id, config: config)
    }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      base = FixedReplica(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      if case .timerFired(.gossip) = input { hasGossiped = true }
      base.step(input, into: &actions)
    }
    var isReadyForRequest: Bool { hasGossiped && base.isReadyForRequest }
    var value: Int { base.value }
    var known: RequestSet { base.known }
    var description: String { base.description }
  }

  /// One replica, one client with two increments, a perfect network; the first gossip comes
  /// 300 ms after the start, long after the first request arrives (a few milliseconds).
  static let scenario = Scenario(
    replicas: 1, clients: 1, incrementsPerClient: 2, clientTimeoutMs: 3_000, maxAttempts: 1,
    gossipIntervalMs: 300, dropRate: 0, duplicateRate: 0, settleMs: 2_000)

  /// Every run counts both increments once. At least one of three runs (each ~0.3 s) must see
  /// the first request arrive before the first gossip, and then the request waits and is served
  /// after the gossip: missing that in three runs would need the first request to be later
  /// than 300 ms three times, on a perfect in-process network.
  @Test(.timeLimit(.minutes(1)))
  func aRequestThatArrivesBeforeTheReplicaIsReadyWaitsAndIsThenServed() throws {
    let r0 = ReplicaID(0)
    let first = RequestID(client: ClientID(0), number: 1)
    var held = 0
    for run in 1...3 where held == 0 {
      let result = try ThreadedRuntime.run(ReadyAfterFirstGossip.self, Self.scenario.seeded(7))
      #expect(result.violation == nil, "run \(run): \(result.trace.text)")
      #expect(result.finalValues == [2], "run \(run): \(result.trace.text)")
      #expect(result.clientsFinished && result.threadsJoined, "run \(run)")
      let kinds = result.trace.events.map(\.kind)
      guard
        let waited = kinds.firstIndex(of: .note(.replica(r0), "not ready: increment c0#1 waits"))
      else { continue }
      held += 1
      #expect(result.mostWaiting == [1], "run \(run)")
      let gossip = try #require(
        kinds.firstIndex(of: .timer(.replica(r0), name: "gossip")), "run \(run)")
      let counted = try #require(kinds.firstIndex(of: .value(r0, 1)), "run \(run)")
      #expect(waited < gossip && gossip < counted, "run \(run): \(result.trace.text)")
      #expect(
        result.observations.contains(.acknowledged(first)), "run \(run): \(result.trace.text)")
    }
    #expect(held == 1, "the first request never arrived before the first gossip")
  }

  /// A replica that takes every request (the default) never has one waiting.
  @Test(.timeLimit(.minutes(1)))
  func aReplicaThatTakesEveryRequestNeverQueuesOne() throws {
    let result = try ThreadedRuntime.run(FlawedReplica.self, Self.scenario.seeded(7))
    #expect(result.mostWaiting == [0])
    #expect(!result.trace.text.contains("not ready"))
    #expect(result.finalValues == [2], "\(result.trace.text)")
  }
}
