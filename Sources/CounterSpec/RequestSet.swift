/// A small, ordered set of request IDs with a canonical encoding.
///
/// Swift's `Set` iterates in an order that changes from process to process, so it must never reach
/// a trace or a decision. `RequestSet` stores one 64-bit mask per client instead, inline (no heap
/// storage): iteration is always sorted, equality is structural, and union is a bitwise OR.
/// Clients are numbered 0 to 7, sequence numbers 1 to 64.
public struct RequestSet: Hashable, Sendable, Sequence, CustomStringConvertible {
  /// `words[c]` has bit `n - 1` set when request `n` of client `c` is in the set.
  @usableFromInline var storage = Words8()

  /// The set's canonical encoding: word `c` has bit `n - 1` set when request `n` of client `c`
  /// is in the set.
  @inlinable
  public var words: Words8 { storage }

  /// The largest request number a set can hold.
  public static let maxNumber = 64
  /// The number of clients a set can hold requests of.
  public static let maxClients = Words8.capacity

  /// Creates an empty set.
  @inlinable
  public init() {}

  /// Creates a set holding `requests`.
  public init(_ requests: some Sequence<RequestID>) {
    self.init()
    for request in requests { insert(request) }
  }

  /// Whether the set holds `request`.
  @inlinable
  @inline(__always)  // asked at every step: a call would cost more than its body
  public func contains(_ request: RequestID) -> Bool {
    guard request.client.index < Self.maxClients, (1...Self.maxNumber).contains(request.number)
    else { return false }
    return words[request.client.index] & Self.bit(request) != 0
  }

  /// Adds `request`; returns whether it was new.
  @inlinable
  @inline(__always)  // asked at every step: a call would cost more than its body
  @discardableResult
  public mutating func insert(_ request: RequestID) -> Bool {
    precondition((1...Self.maxNumber).contains(request.number), "request numbers run 1...64")
    precondition(request.client.index < Self.maxClients, "client indices run 0...7")
    let old = words[request.client.index]
    storage[request.client.index] = old | Self.bit(request)
    return old & Self.bit(request) == 0
  }

  /// Adds every request of `other`.
  @inlinable
  @inline(__always)  // asked at every step: a call would cost more than its body
  public mutating func formUnion(_ other: RequestSet) {
    storage.formUnion(other.storage)
  }

  /// Whether every request of `self` is also in `other`.
  @inlinable
  @inline(__always)  // asked at every step: a call would cost more than its body
  public func isSubset(of other: RequestSet) -> Bool {
    storage.isSubset(of: other.storage)
  }

  /// How many requests the set holds.
  @inlinable
  public var count: Int { storage.nonzeroBitCount }

  /// Whether the set is empty.
  @inlinable
  public var isEmpty: Bool { words == Words8() }

  /// The requests in sorted order.
  public var sorted: [RequestID] { Array(self) }

  /// Iterates in sorted order: by client, then by number.
  public func makeIterator() -> some IteratorProtocol<RequestID> {
    var all: [RequestID] = []
    for index in 0..<Self.maxClients {
      var rest = words[index]
      while rest != 0 {
        all.append(RequestID(client: ClientID(index), number: rest.trailingZeroBitCount + 1))
        rest &= rest - 1
      }
    }
    return all.makeIterator()
  }

  /// `{c0#1,c0#3,c2#64}`.
  public var description: String { "{" + map(\.description).joined(separator: ",") + "}" }

  @inlinable
  @inline(__always)  // one shift, used by `contains` and `insert`
  static func bit(_ request: RequestID) -> UInt64 { 1 << UInt64(request.number - 1) }
}
