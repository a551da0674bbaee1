extension Array {
  /// Empties a scratch buffer of a few elements, keeping its capacity: the same as
  /// `removeAll(keepingCapacity: true)`, whose general path (a `replaceSubrange` call) costs more
  /// than removing one to four elements at every step.
  @inline(__always)
  mutating func clearKeepingCapacity() {
    while !isEmpty { removeLast() }
  }
}
