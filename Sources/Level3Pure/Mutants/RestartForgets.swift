import CounterSpec

/// Mutant of `FixedReplica`: a restart ignores the disk and starts from nothing.
///
/// Everything it persisted and acknowledged is gone unless gossip had already carried it
/// elsewhere. *No lost acknowledged increment* catches it.
public struct RestartForgets: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica

  /// `restart-forgets`.
  public static var protocolName: String { "restart-forgets" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// A restarted replica that does not read its disk (the bug).
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = FixedReplica(id: id, config: config)
  }

  /// The fixed step.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    base.step(input, into: &actions)
  }
}
