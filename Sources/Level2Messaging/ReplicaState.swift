import CounterSpec

/// What one replica knows: a G-Counter (one slot per replica) plus the requests it has seen.
///
/// Replica `i` only ever raises `slots[i]`; merging takes the maximum of each slot, so merges are
/// idempotent and commutative, and the value is the sum of the slots. `known` is what lets a replica
/// recognise a retry, but only a retry of something it has *heard of*.
///
/// The delta-gossip replica (`ReplicaProtocol.stuck`) keeps the same state but reads its value as
/// the number of distinct known requests, so a retry counted by two replicas counts once.
public struct ReplicaState: Equatable, Sendable {
  /// One counter per replica; `slots[i]` counts the increments replica `i` applied itself.
  public var slots: [Int]
  /// Requests this replica has seen, from clients directly or learned by gossip.
  public var known: RequestSet
  /// Whether the value is the number of distinct known requests (`.stuck`) rather than the sum
  /// of the slots (`.flawed`).
  public let countsDistinctRequests: Bool

  /// The initial state in a cluster of `replicas` replicas: all zero, nothing known.
  public init(replicas: Int, countsDistinctRequests: Bool = false) {
    slots = Array(repeating: 0, count: replicas)
    known = RequestSet()
    self.countsDistinctRequests = countsDistinctRequests
  }

  /// Creates a state with the given slots and known requests.
  public init(slots: [Int], known: RequestSet, countsDistinctRequests: Bool = false) {
    self.slots = slots
    self.known = known
    self.countsDistinctRequests = countsDistinctRequests
  }

  /// The counter's value: the sum of the slots, or the number of distinct known requests.
  public var value: Int { countsDistinctRequests ? known.count : slots.reduce(0, +) }
}
