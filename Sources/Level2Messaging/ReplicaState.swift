import CounterSpec

/// What one replica knows: a G-Counter (one slot per replica) plus the requests it has seen.
///
/// Replica `i` only ever raises `slots[i]`; merging takes the maximum of each slot, so merges are
/// idempotent and commutative, and the value is the sum of the slots. `known` is what lets a replica
/// recognise a retry, but only a retry of something it has *heard of*.
public struct ReplicaState: Equatable, Sendable {
  /// One counter per replica; `slots[i]` counts the increments replica `i` applied itself.
  public var slots: [Int]
  /// Requests this replica has seen, from clients directly or learned by gossip.
  public var known: RequestSet

  /// The initial state in a cluster of `replicas` replicas: all zero, nothing known.
  public init(replicas: Int) {
    slots = Array(repeating: 0, count: replicas)
    known = RequestSet()
  }

  /// Creates a state with the given slots and known requests.
  public init(slots: [Int], known: RequestSet) {
    self.slots = slots
    self.known = known
  }

  /// The counter's value: the sum of the slots.
  public var value: Int { slots.reduce(0, +) }
}
