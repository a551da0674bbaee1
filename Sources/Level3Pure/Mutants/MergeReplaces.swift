import CounterSpec

/// Mutant of `FixedReplica`: on gossip, takes the sender's tally instead of merging it.
///
/// "Last writer wins": a replica that hears from a peer that knows less forgets what it knew.
/// *No lost acknowledged increment* (or *convergence*) catches it.
public struct MergeReplaces: CounterReplica {
  var base: FixedReplica

  /// `merge-replaces`.
  public static var protocolName: String { "merge-replaces" }

  /// A fresh replica.
  public init(id: ReplicaID, config: ReplicaConfig) {
    base = FixedReplica(id: id, config: config)
  }

  /// A restarted replica.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = FixedReplica(id: id, config: config, restoring: disk)
  }

  /// As the fixed replica.
  public var value: Int { base.value }
  /// As the fixed replica.
  public var known: RequestSet { base.known }
  /// As the fixed replica.
  public var description: String { base.description }

  /// The fixed step, except that a sync replaces what this replica knows.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    guard case .synced(let theirs, _) = input, theirs != base.tally else {
      base.step(input, into: &actions)
      return
    }
    base = FixedReplica(id: base.id, config: base.config, restoring: theirs)  // the bug
    actions.append(.persist(theirs))
  }
}
