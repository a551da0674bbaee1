import CounterSpec

/// A mutant of `FixedReplica`: the fixed replica with one small change in `step` (or in how it
/// restarts). Everything else is the fixed replica's, forwarded by this protocol, so each mutant
/// file shows only its bug; but for the intake: a variant takes every request as it arrives
/// (`CounterReplica.isReadyForRequest`'s default) unless it forwards `base.isReadyForRequest`, so
/// the mutants, the mysteries and the learner's variants run as they did before the fixed replica
/// took one request at a time.
public protocol FixedVariant: CounterReplica {
  /// The fixed replica underneath.
  var base: FixedReplica { get set }
  /// Wraps `base`.
  init(base: FixedReplica)
}

extension FixedVariant {
  /// A fresh replica.
  public init(id: ReplicaID, config: ReplicaConfig) {
    self.init(base: FixedReplica(id: id, config: config))
  }

  /// A replica restarted from its disk, as the fixed one restarts.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    self.init(base: FixedReplica(id: id, config: config, restoring: disk))
  }

  /// As the fixed replica.
  public var value: Int { base.value }
  /// As the fixed replica.
  public var known: RequestSet { base.known }
  /// As the fixed replica.
  public var description: String { base.description }
}
