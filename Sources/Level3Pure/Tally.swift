import CounterSpec

/// What one replica knows about the counter: per-replica tallies and the requests it has seen.
///
/// It is both the replica's durable state (what `persist` writes and a restart reads) and the
/// body of a gossip message. Merging two tallies is idempotent and commutative, so duplicated
/// and reordered gossip is harmless: that is why the protocol's author trusted it. Stored inline
/// (no heap), so a tally in a message costs a copy, never an allocation.
public struct Tally: Hashable, Sendable, CustomStringConvertible {
  /// Number of replicas, and so of slots.
  public let replicas: Int
  /// `counts[i]` counts the increments replica `i` applied on a client's request.
  @usableFromInline var counts = Words8()
  /// Every request this replica has heard of, from a client or through gossip.
  public var known: RequestSet

  /// Creates a tally of `replicas` zero slots (at most 8) and no known requests.
  public init(replicas: Int) {
    precondition((1...Words8.capacity).contains(replicas), "1...8 replicas")
    self.replicas = replicas
    known = RequestSet()
  }

  /// Creates a tally from its parts.
  public init(slots: [Int], known: RequestSet) {
    self.init(replicas: slots.count)
    for (index, count) in slots.enumerated() { counts[index] = UInt64(count) }
    self.known = known
  }

  /// `slots[i]` counts the increments replica `i` applied on a client's request.
  public var slots: [Int] { (0..<replicas).map { Int(counts[$0]) } }

  /// Slot `index`.
  @inlinable
  public func slot(_ index: Int) -> Int { Int(counts[index]) }

  /// Adds one to slot `index`.
  @inlinable
  public mutating func bump(_ index: Int) { counts[index] &+= 1 }

  /// The sum of all slots.
  @inlinable
  public var total: Int {
    var sum: UInt64 = 0
    for index in 0..<replicas { sum &+= counts[index] }
    return Int(sum)
  }

  /// Folds `other` into `self`: the larger of each slot, the union of the known requests.
  /// - Complexity: O(replicas + clients).
  @inlinable
  public mutating func merge(_ other: Tally) {
    for index in 0..<replicas where other.counts[index] > counts[index] {
      counts[index] = other.counts[index]
    }
    known.formUnion(other.known)
  }

  /// `[2,1,0] {c0#1,c1#1}`, as gossip messages print.
  public var description: String {
    "[" + slots.map(String.init).joined(separator: ",") + "] " + known.description
  }
}
