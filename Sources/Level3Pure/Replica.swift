import CounterSpec

/// One replica of the counter, as a value: the state machine of Level 3.
///
/// It holds no clock, no socket, no random generator and no thread. `step(_:)` takes one message
/// and returns what the runtime must do; the simulator, the threaded runtime and the explorer all
/// run this same code.
///
/// The protocol is Level 2's, flaw included: a G-Counter (one slot per replica) plus
/// deduplication by request ID. A retry that reaches another replica before gossip does is
/// counted in two slots. `Design.distinctRequests` is the fix.
public struct Replica: Equatable, Sendable {
  /// How a replica turns what it knows into a value.
  public enum Design: String, Equatable, Sendable, CaseIterable {
    /// Sum of the per-replica slots (the G-Counter). Counts a request twice when two replicas
    /// each applied it. This is Level 2's protocol, flaw included.
    case perReplicaSlots = "flawed"
    /// Number of distinct known requests (a grow-only set). A retry anywhere is harmless.
    case distinctRequests = "fixed"
  }

  /// This replica's ID.
  public let id: ReplicaID
  /// Number of replicas in the cluster.
  public let replicas: Int
  /// How the value is computed.
  public let design: Design
  /// How often this replica gossips.
  public let gossipInterval: Duration
  /// What this replica knows.
  public private(set) var tally: Tally

  /// Creates a fresh replica `id` of a cluster of `replicas`.
  public init(
    id: ReplicaID, replicas: Int, design: Design = .perReplicaSlots,
    gossipInterval: Duration = .milliseconds(15)
  ) {
    self.init(
      id: id, replicas: replicas, design: design, gossipInterval: gossipInterval,
      restoring: Tally(replicas: replicas))
  }

  /// Creates replica `id` from a persisted tally: what a restart does.
  public init(
    id: ReplicaID, replicas: Int, design: Design, gossipInterval: Duration, restoring tally: Tally
  ) {
    self.id = id
    self.replicas = replicas
    self.design = design
    self.gossipInterval = gossipInterval
    self.tally = tally
  }

  /// Every other replica, in ascending order: gossip goes out in this fixed order.
  public var peers: [ReplicaID] { (0..<replicas).filter { $0 != id.index }.map(ReplicaID.init) }

  /// The counter's value as this replica sees it.
  public var value: Int {
    switch design {
    case .perReplicaSlots: tally.total
    case .distinctRequests: tally.known.count
    }
  }

  /// The actions a fresh replica starts with: its first gossip timer.
  ///
  /// The runtime performs them once when it starts the replica (a restart gets `.restarted`).
  public static func startActions(gossipInterval: Duration) -> [Action] {
    [.startTimer(.gossip, after: gossipInterval)]
  }

  /// Handles `message` and returns what the runtime must do, in order.
  /// - Complexity: O(replicas + clients).
  public mutating func step(_ message: Message) -> [Action] {
    var actions: [Action] = []
    step(message, into: &actions)
    return actions
  }

  /// Handles `message` and appends what the runtime must do to `actions`, in order.
  ///
  /// The same transition as `step(_:)`, for shells that run millions of steps: they reuse one
  /// buffer instead of allocating an array per step.
  public mutating func step(_ message: Message, into actions: inout [Action]) {
    switch message {
    case .incrementRequested(let request, let client):
      // A request we already know was counted somewhere: acknowledge it again, count nothing.
      // The flaw hides here: "somewhere" is only what this replica has *heard of* so far.
      guard !tally.known.contains(request) else {
        actions.append(.reply(.incremented(request), to: client))
        return
      }
      // 1) apply, 2) persist, 3) acknowledge. Replication waits for the next gossip.
      tally.known.insert(request)
      tally.bump(id.index)
      actions.append(.persist(tally))
      actions.append(.reply(.incremented(request), to: client))

    case .synced(let theirs, _):
      tally.merge(theirs)

    case .timerFired(.gossip), .restarted:
      for peer in 0..<replicas where peer != id.index {
        actions.append(.send(.synced(tally, from: id), to: ReplicaID(peer)))
      }
      actions.append(.startTimer(.gossip, after: gossipInterval))

    case .timerFired(.retry):
      // Client timers never reach a replica; ignoring one keeps the function total.
      break
    }
  }

  /// The essay's shape, `step: msg -> state -> action * state`, as a tiny adapter.
  public static func step(_ message: Message, _ state: Replica) -> (Replica, [Action]) {
    var next = state
    let actions = next.step(message)
    return (next, actions)
  }
}
