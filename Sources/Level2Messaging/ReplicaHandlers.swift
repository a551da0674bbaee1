import CounterSpec

/// The handlers of a Level 2 replica written outside this module: your own variant of `Replica`
/// (Exercise 2.3), run by `Level2Run.run(_:handlers:networkTick:)` on the same threads, network
/// and checker as the built-in one.
///
/// Write it as Level 2 code: each handler decides, mutates `state`, and sends through `io` as it
/// goes. Each replica runs on its own thread and calls one handler at a time, so a handler may
/// block (sleep, for example) and holds up only its own replica. The run reads `state` between
/// handlers, to see whether the replicas agree and to read their values.
public protocol ReplicaHandlers: Sendable {
  /// The state of replica `id` of a cluster of `replicas`, before anything happened.
  init(id: ReplicaID, replicas: Int)

  /// What this replica knows; its `value` is what the checker reads at the end.
  var state: ReplicaState { get }

  /// A client asks this replica to count `request` (a first attempt or a retry).
  mutating func increment(_ request: RequestID, from client: ClientID, io: ReplicaIO)

  /// A peer's gossip arrived.
  mutating func merge(slots: [Int], known: RequestSet, from peer: ReplicaID, io: ReplicaIO)

  /// The gossip timer fired.
  mutating func gossip(io: ReplicaIO)

  /// How often the gossip timer fires, in milliseconds, when the scenario says `scenarioMs`.
  /// By default, as the scenario says.
  static func gossipIntervalMs(_ scenarioMs: Int) -> Int

  /// Which replica attempt `attempt` (from zero) of `client` goes to, in a cluster of
  /// `replicas`. By default the scenario's rule: the client's home replica, then the next one.
  static func target(of client: ClientID, attempt: Int, replicas: Int) -> ReplicaID
}

extension ReplicaHandlers {
  /// As often as the scenario says.
  public static func gossipIntervalMs(_ scenarioMs: Int) -> Int { scenarioMs }

  /// The home replica first, then the next one round the ring (`Scenario.target`).
  public static func target(of client: ClientID, attempt: Int, replicas: Int) -> ReplicaID {
    Scenario.target(of: client, attempt: attempt, replicas: replicas)
  }
}

/// What a handler may do besides changing its state: send, and report a new value.
public struct ReplicaIO: Sendable {
  /// The replica whose handler this is.
  public let id: ReplicaID
  /// Every other replica, in ascending order.
  public let peers: [ReplicaID]
  let network: Network<Message>
  let recorder: RunRecorder

  /// Sends `message` from this replica to `node` (a client or a peer); returns at once.
  public func send(_ message: Message, to node: NodeID) {
    network.send(message, from: .replica(id), to: node)
  }

  /// Tells the checker (and the trace) that this replica's value is now `value`, because it
  /// counted `cause` (`nil` when the change came from gossip). Call it after every change of
  /// the value: the checker sees nothing else.
  public func valueChanged(to value: Int, cause: RequestID?) {
    recorder.observe(.valueChanged(id, to: value, cause: cause), event: .value(id, value))
  }
}
