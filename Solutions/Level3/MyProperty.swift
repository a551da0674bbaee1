import ExerciseKit
import Level3Pure

/// Exercise 3.3, solved: every request a client was told about is on some replica's disk.
public struct AcknowledgedIsOnSomeDisk: CounterProperty {
  /// Creates the property.
  public init() {}

  /// `acknowledged is on some disk`.
  public var name: String { "acknowledged is on some disk" }

  /// Names the first acknowledged request that no disk holds.
  public func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? {
    for request in cluster.checker.acknowledged
    where !cluster.disks.contains(where: { $0?.known.contains(request) == true }) {
      return "\(request) was acknowledged and is on no disk"
    }
    return nil
  }
}

/// Exercise 3.7, solved: a replica that is up always has its gossip timer pending.
public struct GossipTimerPending: CounterProperty {
  /// Creates the property.
  public init() {}

  /// `a running replica has a gossip timer`.
  public var name: String { "a running replica has a gossip timer" }

  /// Names the first running replica without a pending gossip timer.
  public func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? {
    for index in cluster.nodes.indices
    where cluster.nodes[index].isUp && !cluster.nodes[index].timers.contains(.gossip) {
      return "r\(index) is up and no gossip timer is pending"
    }
    return nil
  }
}

/// Exercises 3.3 and 3.7: the properties.
public enum MyProperty {
  /// Exercise 3.3.
  public static func property() throws -> any CounterProperty { AcknowledgedIsOnSomeDisk() }

  /// Exercise 3.7 (stretch).
  public static func timerProperty() throws -> any CounterProperty { GossipTimerPending() }
}
