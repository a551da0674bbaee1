import CounterSpec

/// One scheduling decision: what a seed and a clock decide in the simulator, and what the
/// explorer enumerates.
///
/// A run of a cluster is fully determined by its list of choices. The simulator records them as
/// it makes them; the explorer tries every one; a `Schedule` replays them. That is why a
/// counterexample found by one replays in the other. The text form (`description`) is one line
/// per choice and the same in every process.
public enum Choice: Hashable, Sendable, CustomStringConvertible {
  /// The network hands `packet` to its receiver (a replica that is down loses it).
  case deliver(Packet)
  /// The network loses `packet`.
  case drop(Packet)
  /// The network makes a second copy of `packet`.
  case duplicate(Packet)
  /// A pending timer fires.
  case fire(TimerRef)
  /// The oldest write in flight of the replica reaches its disk.
  case completeWrite(ReplicaID)
  /// The replica crashes: its memory, its pending timers and its writes in flight are lost.
  case crash(ReplicaID)
  /// The crashed replica restarts from what reached its disk.
  case restart(ReplicaID)
  /// The link from one replica to another is cut (a partition): nothing on it is delivered.
  case cut(from: ReplicaID, to: ReplicaID)
  /// Every cut link works again.
  case heal

  /// `deliver c0 -> r1  increment c0#1`, `fire r0 gossip`, `write r0`, `crash r2`, `cut r0 -> r1`.
  public var description: String {
    switch self {
    case .deliver(let packet): "deliver \(packet)"
    case .drop(let packet): "drop \(packet)"
    case .duplicate(let packet): "duplicate \(packet)"
    case .fire(let timer): "fire \(timer)"
    case .completeWrite(let replica): "write \(replica)"
    case .crash(let replica): "crash \(replica)"
    case .restart(let replica): "restart \(replica)"
    case .cut(let from, let to): "cut \(from) -> \(to)"
    case .heal: "heal"
    }
  }
}
