import CounterSpec
import ExerciseKit
import Level2Messaging

/// Exercise 2.3, our Level 2 fix: a client retries at the replica it first asked.
///
/// That replica has heard of the request, so it acknowledges the retry without counting it
/// again, and no other replica ever sees it: no run of the default scenario double counts, and
/// a rerun test passes as many runs as you care to wait for. What reruns cannot show is what it
/// costs when that replica is down or restarts without its memory; that is the Level 3 half.
public enum MyLevel2Fix {
  /// What we changed.
  public static func whatYouChanged() throws -> String {
    "retry at the same replica"
  }
}

/// The flawed replica with one change: `target` keeps every attempt at the home replica.
public struct MyLevel2Replica: ReplicaHandlers {
  public private(set) var state: ReplicaState
  private let id: ReplicaID

  public init(id: ReplicaID, replicas: Int) {
    self.id = id
    state = ReplicaState(replicas: replicas)
  }

  /// As often as the scenario says.
  public static func gossipIntervalMs(_ scenarioMs: Int) -> Int { scenarioMs }

  /// THE CHANGE: every attempt goes to the client's home replica.
  public static func target(of client: ClientID, attempt: Int, replicas: Int) -> ReplicaID {
    ReplicaID(client.index % replicas)
  }

  /// Counts `request` unless this replica has heard of it, and acknowledges it.
  public mutating func increment(_ request: RequestID, from client: ClientID, io: ReplicaIO) {
    if state.known.contains(request) {
      io.send(.ack(request), to: .client(client))
      return
    }
    state.known.insert(request)
    state.slots[id.index] += 1
    io.valueChanged(to: state.value, cause: request)
    io.send(.ack(request), to: .client(client))
  }

  /// Merges a peer's state: the larger of each slot, the union of known requests.
  public mutating func merge(slots: [Int], known: RequestSet, from peer: ReplicaID, io: ReplicaIO) {
    let before = state.value
    for index in state.slots.indices where index < slots.count {
      state.slots[index] = max(state.slots[index], slots[index])
    }
    state.known.formUnion(known)
    if state.value != before { io.valueChanged(to: state.value, cause: nil) }
  }

  /// Sends the whole state to every peer, in ascending order.
  public mutating func gossip(io: ReplicaIO) {
    for peer in io.peers {
      io.send(.sync(slots: state.slots, known: state.known), to: .replica(peer))
    }
  }
}
