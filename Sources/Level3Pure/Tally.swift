import CounterSpec

/// What one replica knows about the counter: per-replica tallies and the requests it has seen.
///
/// It is both the replica's durable state (what `persist` writes and a restart reads) and the
/// body of a gossip message. Merging two tallies is idempotent and commutative, so duplicated
/// and reordered gossip is harmless: that is why the protocol's author trusted it. Stored inline
/// (no heap) and small (88 bytes), so a tally in a message costs a short copy, never an
/// allocation.
public struct Tally: Hashable, Sendable, CustomStringConvertible {
  /// Number of replicas, and so of slots.
  public let replicas: Int
  /// The slots, 16 bits each: slots 0-3 in `low`, 4-7 in `high` (at most 65,535 per slot;
  /// a run has at most 8 clients x 64 increments).
  @usableFromInline var low: UInt64 = 0
  @usableFromInline var high: UInt64 = 0
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
    for (index, count) in slots.enumerated() {
      precondition((0...0xFFFF).contains(count), "a slot holds 0...65535")
      for _ in 0..<count { bump(index) }
    }
    self.known = known
  }

  /// `slots[i]` counts the increments replica `i` applied on a client's request.
  public var slots: [Int] { (0..<replicas).map(slot) }

  /// Slot `index`.
  @inlinable
  public func slot(_ index: Int) -> Int {
    let word = index < 4 ? low : high
    return Int(truncatingIfNeeded: (word >> UInt64((index & 3) * 16)) & 0xFFFF)
  }

  /// Adds one to slot `index`.
  @inlinable
  @inline(__always)  // once per applied request: a call would cost as much as its body
  public mutating func bump(_ index: Int) {
    precondition(index >= 0 && index < replicas, "slot \(index) of \(replicas)")
    let one: UInt64 = 1 << UInt64((index & 3) * 16)
    if index < 4 { low &+= one } else { high &+= one }
  }

  /// The sum of all slots.
  @inlinable
  @inline(__always)  // read after every step: lane sums, no loop and no call
  public var total: Int {
    // Slots past `replicas` stay zero, so all eight lanes can be added: each word's four
    // 16-bit lanes summed in pairs, then the two pairs (no lane can carry into the next).
    let pairs: UInt64 = 0x0000_FFFF_0000_FFFF
    let low = (low & pairs) &+ ((low >> 16) & pairs)
    let high = (high & pairs) &+ ((high >> 16) & pairs)
    let both = low &+ high
    return Int(truncatingIfNeeded: (both & 0xFFFF_FFFF) &+ (both >> 32))
  }

  /// Folds `other` into `self`: the larger of each slot, the union of the known requests.
  /// - Complexity: O(replicas + clients).
  @inlinable
  public mutating func merge(_ other: Tally) {
    if other.low != low || other.high != high {
      low = Self.laneMax(low, other.low)
      high = Self.laneMax(high, other.high)
    }
    known.formUnion(other.known)
  }

  /// The larger of each 16-bit lane of `a` and `b`.
  @inlinable
  static func laneMax(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var result: UInt64 = 0
    for shift in stride(from: UInt64(0), to: 64, by: 16) {
      result |= max((a >> shift) & 0xFFFF, (b >> shift) & 0xFFFF) << shift
    }
    return result
  }

  /// Hashes the slots and the known requests in two words (`replicas` is the same for every
  /// tally of a cluster; `==` still compares it).
  public func hash(into hasher: inout Hasher) {
    hasher.combine((low ^ high &* 0x9E37_79B9_7F4A_7C15) &+ UInt64(truncatingIfNeeded: replicas))
    hasher.combine(known.words.folded)
  }

  /// `[2,1,0] {c0#1,c1#1}`, as gossip messages print.
  public var description: String {
    "[" + slots.map(String.init).joined(separator: ",") + "] " + known.description
  }
}
