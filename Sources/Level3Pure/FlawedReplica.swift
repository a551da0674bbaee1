import CounterSpec

/// Level 2's protocol as a pure state machine, flaw included: a G-Counter (one slot per
/// replica) with deduplication by request ID.
///
/// A retry that reaches another replica before gossip does is counted in two slots: *no double
/// counting* breaks. It also acknowledges before its write is on disk. `FixedReplica` is the fix.
public struct FlawedReplica: CounterReplica {
  /// This replica's ID.
  public let id: ReplicaID
  /// The cluster's numbers.
  public let config: ReplicaConfig
  /// What this replica knows: slots and requests.
  public private(set) var tally: Tally

  /// `flawed`.
  public static var protocolName: String { "flawed" }

  /// A fresh replica.
  public init(id: ReplicaID, config: ReplicaConfig) {
    self.init(id: id, config: config, restoring: nil)
  }

  /// A replica restarted from its disk.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    self.id = id
    self.config = config
    tally = disk ?? Tally(replicas: config.replicas)
  }

  /// The sum of the slots.
  public var value: Int { tally.total }

  /// The requests this replica has heard of.
  public var known: RequestSet { tally.known }

  /// The tally, for example `[1,0,0] {c0#1}`.
  public var description: String { tally.description }

  /// Handles `input`; appends what the runtime must do.
  /// - Complexity: O(replicas + clients).
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    switch input {
    case .started:
      actions.append(.startTimer(.gossip, after: config.gossipInterval))

    case .requested(let request, let client):
      // A request we already know was counted somewhere: acknowledge it again, count nothing.
      // The flaw hides here: "somewhere" is only what this replica has *heard of* so far.
      guard !tally.known.contains(request) else {
        actions.append(.reply(.incremented(request), to: client))
        return
      }
      // 1) apply, 2) start the write, 3) acknowledge (without waiting for the write: a second
      // flaw, which only a crash shows). Replication waits for the next gossip.
      tally.known.insert(request)
      tally.bump(id.index)
      actions.append(.persist(tally))
      actions.append(.reply(.incremented(request), to: client))

    case .synced(let theirs, _):
      tally.merge(theirs)

    case .timerFired(.gossip):
      for peer in config.peers(of: id) { actions.append(.sync(tally, to: peer)) }
      actions.append(.startTimer(.gossip, after: config.gossipInterval))

    case .persisted:
      break  // it acknowledged already
    }
  }
}
