import CounterSpec

/// What one replica knows about the counter: per-replica tallies and the requests it has seen.
///
/// It is both the replica's durable state (what `persist` writes and a restart reads) and the
/// body of a gossip message. Merging two tallies is idempotent and commutative, so duplicated
/// and reordered gossip is harmless: that is why the protocol's author trusted it.
public struct Tally: Hashable, Sendable, CustomStringConvertible {
  /// `slots[i]` counts the increments replica `i` applied on a client's request.
  public var slots: [Int]
  /// Every request this replica has heard of, from a client or through gossip.
  public var known: RequestSet

  /// Creates a tally of `replicas` zero slots and no known requests.
  public init(replicas: Int) {
    slots = Array(repeating: 0, count: replicas)
    known = RequestSet()
  }

  /// Creates a tally from its parts.
  public init(slots: [Int], known: RequestSet) {
    self.slots = slots
    self.known = known
  }

  /// Folds `other` into `self`: the larger of each slot, the union of the known requests.
  /// - Complexity: O(replicas + clients).
  public mutating func merge(_ other: Tally) {
    for index in other.slots.indices where other.slots[index] > slots[index] {
      slots[index] = other.slots[index]
    }
    known.formUnion(other.known)
  }

  /// `[2,1,0] {c0#1,c1#1}`, as gossip messages print.
  public var description: String {
    "[" + slots.map(String.init).joined(separator: ",") + "] " + known.description
  }
}
