import CounterSpec

/// The course's liveness example (`--protocol stuck`): the fixed protocol with *delta gossip*,
/// Level 2's `--protocol stuck` as a pure state machine.
///
/// "Send only what changed since my last gossip": each gossip carries only the requests this
/// replica counted itself since its previous gossip, and nothing at all when it counted nothing;
/// what it learned from peers is never passed on. Deltas are small, so it gossips twice as often
/// as the full-state protocols. A delta lost to a drop is never sent again, so a peer can miss a
/// request for good and the replicas never agree: *convergence* breaks. Nothing else can: the
/// value is the number of distinct known requests (a retry counted by two replicas counts once),
/// and, as in `FixedReplica`, a request is acknowledged only once it is on this replica's disk.
///
/// The disk holds a `Tally` (the known requests), as for every replica; `unsent` lives in
/// memory only. A restart comes back with nothing unsent, so a crash between counting a request
/// and the next gossip loses that delta just as a drop does.
public struct DeltaGossipReplica: CounterReplica {
  var base: FixedReplica
  /// The requests this replica counted itself since its last gossip, not yet sent to anyone.
  public private(set) var unsent: RequestSet

  /// `stuck`.
  public static var protocolName: String { "stuck" }

  /// A fresh replica.
  public init(id: ReplicaID, config: ReplicaConfig) {
    self.init(id: id, config: config, restoring: nil)
  }

  /// A replica restarted from its disk: what it had not sent yet is gone.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = FixedReplica(id: id, config: config, restoring: disk)
    unsent = RequestSet()
  }

  /// This replica's ID.
  public var id: ReplicaID { base.id }

  /// The number of distinct known requests.
  public var value: Int { base.value }

  /// The requests this replica has heard of.
  public var known: RequestSet { base.known }

  /// As the fixed replica, then `unsent {c0#2}` while a delta waits for the next gossip.
  public var description: String {
    base.description + (unsent.isEmpty ? "" : " unsent \(unsent)")
  }

  /// Half the scenario's gossip period: deltas are small, so they go out sooner.
  public var gossipInterval: Duration { base.config.gossipInterval / 2 }

  /// The delta a gossip sends now: the requests in `unsent` (the slots stay zero, as in the
  /// fixed replica: the value counts requests).
  public var delta: Tally {
    var tally = Tally(replicas: base.config.replicas)
    tally.known = unsent
    return tally
  }

  /// Handles `input`; appends what the runtime must do.
  /// - Complexity: O(replicas + clients + waiting acknowledgements).
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    switch input {
    case .started:
      actions.append(.startTimer(.gossip, after: gossipInterval))

    case .requested(let request, _):
      // Counted here for the first time: remember it for the next gossip. A request learned
      // from a peer never goes into `unsent`, so it is never passed on.
      let counts = !base.known.contains(request)
      base.step(input, into: &actions)
      if counts { unsent.insert(request) }

    case .synced, .persisted:
      base.step(input, into: &actions)  // merge (and write) as the fixed replica does

    case .timerFired(.gossip):
      // The flaw: a delta goes out once. If the network drops it, nothing ever sends it again.
      if !unsent.isEmpty {
        let delta = delta
        for peer in base.config.peers(of: id) { actions.append(.sync(delta, to: peer)) }
        unsent = RequestSet()
      }
      actions.append(.startTimer(.gossip, after: gossipInterval))
    }
  }
}
