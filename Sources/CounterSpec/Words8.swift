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

  @inlinable
  public static func == (lhs: Words8, rhs: Words8) -> Bool {
    lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
      && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
      && lhs.storage.4 == rhs.storage.4 && lhs.storage.5 == rhs.storage.5
      && lhs.storage.6 == rhs.storage.6 && lhs.storage.7 == rhs.storage.7
  }

  @inlinable
  public func hash(into hasher: inout Hasher) {
    for index in 0..<Self.capacity { hasher.combine(self[index]) }
  }
}
