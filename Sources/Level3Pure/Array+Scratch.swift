extension Array {
  /// Empties a scratch buffer of a few elements, keeping its capacity: the same as
  /// `removeAll(keepingCapacity: true)`, whose general path (a `replaceSubrange` call) costs more
  /// than removing one to four elements at every step.
  @inline(__always)
  mutating func clearKeepingCapacity() {
    while !isEmpty { removeLast() }
  }
}

extension Array {
  /// Becomes a copy of `other`, keeping this array's buffer: element by element, which for a
  /// few elements costs less than `removeAll(keepingCapacity:)` and `append(contentsOf:)`
  /// (their general paths) before each of a sweep's thousands of runs.
  @inline(__always)
  mutating func copyKeepingCapacity(_ other: [Element]) {
    while count > other.count { removeLast() }
    for index in indices { self[index] = other[index] }
    while count < other.count { append(other[count]) }
  }
}

extension Array {
  /// `remove(at:)`, taking the short path of `removeLast()` when `index` is the last (a node's
  /// timers and writes in flight are one or two, so it usually is): `remove(at:)` and
  /// `removeFirst()` always take the general one.
  @inline(__always)
  @discardableResult
  mutating func removeKeepingOrder(at index: Int) -> Element {
    index == count - 1 ? removeLast() : remove(at: index)
  }
}
