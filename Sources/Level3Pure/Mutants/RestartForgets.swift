import CounterSpec

/// Mutant of `FixedReplica`: a restart ignores the disk and starts from nothing.
///
/// Everything it persisted and acknowledged is gone unless gossip had already carried it
/// elsewhere. *No lost acknowledged increment* catches it.
public struct RestartForgets: CounterReplica {
  var base: FixedReplica

  /// `restart-forgets`.
  public static var protocolName: String { "restart-forgets" }

  /// A fresh replica.
  public init(id: ReplicaID, config: ReplicaConfig) {
    base = FixedReplica(id: id, config: config)
  }

  /// A restarted replica that does not read its disk (the bug).
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = FixedReplica(id: id, config: config)
  }

  /// As the fixed replica.
  public var value: Int { base.value }
  /// As the fixed replica.
  public var known: RequestSet { base.known }
  /// As the fixed replica.
  public var description: String { base.description }

  /// The fixed step.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    base.step(input, into: &actions)
  }
}
