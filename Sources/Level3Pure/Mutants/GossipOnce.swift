import CounterSpec

/// Mutant of `FixedReplica`: forgets to re-arm the gossip timer after it fires.
///
/// The first gossip goes out, and then nothing: whatever a replica learns later stays with it.
/// *Convergence* catches it.
public struct GossipOnce: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica

  /// `gossip-once`.
  public static var protocolName: String { "gossip-once" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// The fixed step, without the re-arming when gossip fires.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    let first = actions.count
    base.step(input, into: &actions)
    guard case .timerFired(.gossip) = input else { return }
    actions[first...].removeAll {  // the bug
      if case .startTimer = $0 { return true }
      return false
    }
  }
}
