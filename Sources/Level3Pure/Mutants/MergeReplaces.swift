import CounterSpec

/// Mutant of `FixedReplica`: on gossip, takes the sender's tally instead of merging it.
///
/// "Last writer wins": a replica that hears from a peer that knows less forgets what it knew.
/// *No lost acknowledged increment* (or *convergence*) catches it.
public struct MergeReplaces: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica

  /// `merge-replaces`.
  public static var protocolName: String { "merge-replaces" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

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
