import CounterSpec

/// One scheduling decision: the thing a random generator and a clock decide in the simulator,
/// and the explorer enumerates.
///
/// A run of the pure replicas and clients is fully determined by its list of choices. The
/// simulator draws them from its seed; the explorer tries every one; a `ScheduledRun` takes them
/// from a list. That is why a counterexample found by one replays in the other.
public enum Choice: Hashable, Sendable, CustomStringConvertible {
  /// The network hands `packet` to its receiver (a replica that is down loses it).
  case deliver(Packet)
  /// The network loses `packet`.
  case drop(Packet)
  /// The network makes a second copy of `packet`.
  case duplicate(Packet)
  /// The client's retry timer fires.
  case fireRetry(ClientID)
  /// The replica's gossip timer fires.
  case fireGossip(ReplicaID)
  /// The replica crashes, keeping only what it persisted.
  case crash(ReplicaID)
  /// The crashed replica restarts from its persisted tally.
  case restart(ReplicaID)

  /// `deliver c0 -> r1  increment c0#1`, `retry c0`, `gossip r0`, `crash r2`.
  public var description: String {
    switch self {
    case .deliver(let packet): "deliver \(packet)"
    case .drop(let packet): "drop \(packet)"
    case .duplicate(let packet): "duplicate \(packet)"
    case .fireRetry(let client): "retry \(client)"
    case .fireGossip(let replica): "gossip \(replica)"
    case .crash(let replica): "crash \(replica)"
    case .restart(let replica): "restart \(replica)"
    }
  }
}
