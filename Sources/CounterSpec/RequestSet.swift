/// A small, ordered set of request IDs with a canonical encoding.
///
/// Swift's `Set` iterates in an order that changes from process to process, so it must never reach
/// a trace or a decision. `RequestSet` stores one 64-bit mask per client instead: iteration is always
/// sorted, equality is structural, and union is a bitwise OR. Sequence numbers run from 1 to 64.
public struct RequestSet: Hashable, Sendable, Sequence, CustomStringConvertible {
  /// One mask per client index; bit `n - 1` stands for request number `n`.
  public private(set) var masks: [UInt64]

  /// The largest request number a set can hold.
  public static let maxNumber = 64

  /// Creates an empty set.
  public init() { masks = [] }

  /// Creates a set holding `requests`.
  public init(_ requests: some Sequence<RequestID>) {
    self.init()
    for request in requests { insert(request) }
  }

  /// Whether the set holds `request`.
  public func contains(_ request: RequestID) -> Bool {
    let index = request.client.index
    guard index < masks.count else { return false }
    return masks[index] & Self.bit(request) != 0
  }

  /// Adds `request`; returns whether it was new.
  @discardableResult
  public mutating func insert(_ request: RequestID) -> Bool {
    precondition((1...Self.maxNumber).contains(request.number), "request numbers run 1...64")
    let index = request.client.index
    while masks.count <= index { masks.append(0) }
    let old = masks[index]
    masks[index] = old | Self.bit(request)
    return old != masks[index]
  }

  /// Adds every request of `other`.
  public mutating func formUnion(_ other: RequestSet) {
    while masks.count < other.masks.count { masks.append(0) }
    for (index, mask) in other.masks.enumerated() { masks[index] |= mask }
  }

  /// Whether every request of `self` is also in `other`.
  public func isSubset(of other: RequestSet) -> Bool {
    for (index, mask) in masks.enumerated() {
      let theirs = index < other.masks.count ? other.masks[index] : 0
      if mask & ~theirs != 0 { return false }
    }
    return true
  }

  /// How many requests the set holds.
  public var count: Int { masks.reduce(0) { $0 + $1.nonzeroBitCount } }

  /// Whether the set is empty.
  public var isEmpty: Bool { masks.allSatisfy { $0 == 0 } }

  /// The requests in sorted order.
  public var sorted: [RequestID] { Array(self) }

  public func makeIterator() -> some IteratorProtocol<RequestID> {
    var all: [RequestID] = []
    for (index, mask) in masks.enumerated() {
      var rest = mask
      while rest != 0 {
        let bit = rest.trailingZeroBitCount
        all.append(RequestID(client: ClientID(index), number: bit + 1))
        rest &= rest - 1
      }
    }
    return all.makeIterator()
  }

  public var description: String { "{" + map(\.description).joined(separator: ",") + "}" }

  /// Equal sets compare equal however many trailing empty masks they carry.
  public static func == (lhs: RequestSet, rhs: RequestSet) -> Bool {
    lhs.isSubset(of: rhs) && rhs.isSubset(of: lhs)
  }

  public func hash(into hasher: inout Hasher) {
    var end = masks.count
    while end > 0 && masks[end - 1] == 0 { end -= 1 }
    for mask in masks[..<end] { hasher.combine(mask) }
  }

  private static func bit(_ request: RequestID) -> UInt64 { 1 << UInt64(request.number - 1) }
}
