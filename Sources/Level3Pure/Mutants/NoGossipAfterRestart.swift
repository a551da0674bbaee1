import CounterSpec

/// Mutant of `FixedReplica`: after a restart, it never starts its gossip timer again.
///
/// A fresh replica arms the timer when it starts; this one only does so when it did not come
/// back from a disk. It still learns from the others' gossip, but what only it knows (a request
/// it acknowledged just before crashing) never leaves it. *Convergence* catches it.
public struct NoGossipAfterRestart: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica
  /// Whether this incarnation came back from a disk.
  public let restored: Bool

  /// `no-gossip-after-restart`.
  public static var protocolName: String { "no-gossip-after-restart" }

  /// Wraps a fresh `base`.
  public init(base: FixedReplica) {
    self.base = base
    restored = false
  }

  /// A restarted replica.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = FixedReplica(id: id, config: config, restoring: disk)
    restored = true
  }

  /// The fixed step, without the timer on `.started` after a restart.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    guard case .started = input, restored else {
      base.step(input, into: &actions)
      return
    }
    // The bug: "we only need the timer the first time".
  }
}
