import CounterSpec
import Testing

@testable import Level2Messaging

/// Handlers written outside the module run on the same threads, network and checker as the
/// built-in replica (Exercise 2.3 depends on it).
@Suite struct ReplicaHandlersTests {
  /// The flawed replica's handlers, copied; `Home` sends every attempt to the home replica.
  struct Copy: ReplicaHandlers {
    private(set) var state: ReplicaState
    let id: ReplicaID
    init(id: ReplicaID, replicas: Int) {
      self.id = id
      state = ReplicaState(replicas: replicas)
    }
    mutating func increment(_ request: RequestID, from client: ClientID, io: ReplicaIO) {
      if !state.known.contains(request) {
        state.known.insert(request)
        state.slots[id.index] += 1
        io.valueChanged(to: state.value, cause: request)
      }
      io.send(.ack(request), to: .client(client))
    }
    mutating func merge(slots: [Int], known: RequestSet, from peer: ReplicaID, io: ReplicaIO) {
      let before = state.value
      for index in state.slots.indices where index < slots.count {
        state.slots[index] = max(state.slots[index], slots[index])
      }
      state.known.formUnion(known)
      if state.value != before { io.valueChanged(to: state.value, cause: nil) }
    }
    mutating func gossip(io: ReplicaIO) {
      for peer in io.peers {
        io.send(.sync(slots: state.slots, known: state.known), to: .replica(peer))
      }
    }
  }

  struct Home: ReplicaHandlers {
    var copy: Copy
    var state: ReplicaState { copy.state }
    init(id: ReplicaID, replicas: Int) { copy = Copy(id: id, replicas: replicas) }
    static func target(of client: ClientID, attempt: Int, replicas: Int) -> ReplicaID {
      ReplicaID(client.index % replicas)
    }
    static func gossipIntervalMs(_ scenarioMs: Int) -> Int { 5 }
    mutating func increment(_ request: RequestID, from client: ClientID, io: ReplicaIO) {
      copy.increment(request, from: client, io: io)
    }
    mutating func merge(slots: [Int], known: RequestSet, from peer: ReplicaID, io: ReplicaIO) {
      copy.merge(slots: slots, known: known, from: peer, io: io)
    }
    mutating func gossip(io: ReplicaIO) { copy.gossip(io: io) }
  }

  /// A perfect network and clients with time to spare: every increment counted once, everywhere.
  @Test(.timeLimit(.minutes(1)))
  func aCopyOnAPerfectNetworkCountsEveryIncrementOnce() throws {
    let scenario = Scenario(
      clientTimeoutMs: 2_000, dropRate: 0, duplicateRate: 0, settleMs: 2_000, seed: 3)
    let result = try Level2Run.run(scenario, handlers: Copy.self)
    #expect(result.violation == nil)
    #expect(result.finalValues == [6, 6, 6])
    #expect(result.clientsFinished && result.settled && result.threadsJoined)
    #expect(
      result.trace.events.contains { $0.kind == .timer(.replica(ReplicaID(0)), name: "gossip") })
  }

  /// The hooks are honoured: every attempt goes where `target` says, gossip as often as asked.
  @Test(.timeLimit(.minutes(1)))
  func retriesGoWhereTheHandlersSay() throws {
    let result = try Level2Run.run(Scenario.default.seeded(5), handlers: Home.self)
    var targets: Set<NodeID> = []
    var gossips = 0
    for event in result.trace.events {
      switch event.kind {
      case .deliver(.client(let client), let to, _):
        #expect(to == .replica(ReplicaID(client.index % 3)), "\(event)")
        targets.insert(to)
      case .timer(.replica, "gossip"):
        gossips += 1
      default:
        continue
      }
    }
    #expect(targets == [.replica(ReplicaID(0)), .replica(ReplicaID(1))])
    #expect(result.violation == nil)
    // Gossip every 5 ms: more rounds than a 30 ms timer could ever fire in the run (it would
    // fire at most wall/30 + 1 times per replica). Only replica threads starved for most of
    // the run could fall below that.
    #expect(gossips > 3 * (Int(result.wallTime / .milliseconds(30)) + 1))
  }
}
