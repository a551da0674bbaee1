/// Eight 64-bit words stored inline: one cache line.
///
/// A value with no heap storage: copying it, sending it in a message or storing it in a queue costs
/// no reference counting and no allocation. `RequestSet` and the Level 3 tally are built on it,
/// which is what lets the simulator run millions of events per second and the explorer hash
/// millions of states. Words past those in use stay zero, so `==` and hashing see only content.
public struct Words8: Hashable, Sendable {
  /// How many words fit.
  public static let capacity = 8

  @usableFromInline
  var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
    0, 0, 0, 0, 0, 0, 0, 0
  )

  /// Eight zero words.
  @inlinable
  public init() {}

  /// Word `index`, from 0 to 7.
  @inlinable
  public subscript(index: Int) -> UInt64 {
    get {
      precondition(index >= 0 && index < Self.capacity, "Words8 index \(index) out of range")
      return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: index &* 8, as: UInt64.self) }
    }
    set {
      precondition(index >= 0 && index < Self.capacity, "Words8 index \(index) out of range")
      withUnsafeMutableBytes(of: &storage) {
        $0.storeBytes(of: newValue, toByteOffset: index &* 8, as: UInt64.self)
      }
    }
  }

  /// Sets every bit that is set in `other` (word by word, without going through the subscript).
  @inlinable
  @inline(__always)  // a few instructions: a call would cost more than its body
  public mutating func formUnion(_ other: Words8) {
    storage.0 |= other.storage.0
    storage.1 |= other.storage.1
    storage.2 |= other.storage.2
    storage.3 |= other.storage.3
    storage.4 |= other.storage.4
    storage.5 |= other.storage.5
    storage.6 |= other.storage.6
    storage.7 |= other.storage.7
  }

  /// Whether every bit set in `self` is set in `other`.
  @inlinable
  @inline(__always)  // a few instructions: a call would cost more than its body
  public func isSubset(of other: Words8) -> Bool {
    let a = storage
    let b = other.storage
    let outside =
      (a.0 & ~b.0) | (a.1 & ~b.1) | (a.2 & ~b.2) | (a.3 & ~b.3) | (a.4 & ~b.4) | (a.5 & ~b.5)
      | (a.6 & ~b.6) | (a.7 & ~b.7)
    return outside == 0
  }

  /// How many bits are set.
  @inlinable
  public var nonzeroBitCount: Int {
    let a = storage
    // Most sets use the first word only; a bit count is a dozen instructions per word on a
    // processor target without a popcount instruction.
    if a.1 | a.2 | a.3 | a.4 | a.5 | a.6 | a.7 == 0 { return a.0.nonzeroBitCount }
    return a.0.nonzeroBitCount &+ a.1.nonzeroBitCount &+ a.2.nonzeroBitCount
      &+ a.3.nonzeroBitCount &+ a.4.nonzeroBitCount &+ a.5.nonzeroBitCount
      &+ a.6.nonzeroBitCount &+ a.7.nonzeroBitCount
  }

  @inlinable
  @inline(__always)  // a few instructions: a call would cost more than its body
  public static func == (lhs: Words8, rhs: Words8) -> Bool {
    lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
      && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
      && lhs.storage.4 == rhs.storage.4 && lhs.storage.5 == rhs.storage.5
      && lhs.storage.6 == rhs.storage.6 && lhs.storage.7 == rhs.storage.7
  }

  /// Folds the eight words into one with a multiply-xorshift mix, then feeds the hasher once:
  /// a set of states hashes thousands of these per millisecond, and one `combine` costs as much
  /// as eight. Equal values fold equally, so `==` and hashing still agree.
  @inlinable
  public func hash(into hasher: inout Hasher) {
    hasher.combine(folded)
  }

  /// The eight words mixed into one (for hashing; two different values may fold equally).
  @inlinable
  public var folded: UInt64 {
    var mix: UInt64 = 0
    for index in 0..<Self.capacity {
      mix = (mix ^ self[index]) &* 0x9E37_79B9_7F4A_7C15
      mix ^= mix >> 29
    }
    return mix
  }
}
