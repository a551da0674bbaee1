/// The visited states of `Explorer.exploreFast`: every state once, in the order it was found,
/// and an open-addressing hash table of their indices (linear probing, at most half full).
///
/// A `Set` would hold a second copy of each state next to the frontier, and move whole states
/// when it grows; this table moves only 32-bit indices, and rehashes with the hashes it kept.
struct VisitedTable<Element: Equatable> {
  /// The states, in discovery order: index `i` is the `i`-th state found.
  private(set) var elements: [Element] = []
  /// Each element's hash, by index.
  private var hashes: [Int] = []
  /// Indices into `elements`; -1 marks an empty slot. The count is a power of two.
  private var slots: [Int32] = Array(repeating: -1, count: 1 << 12)

  /// How many distinct states were inserted.
  var count: Int { elements.count }

  /// The `index`-th state found.
  subscript(index: Int) -> Element { elements[index] }

  /// Inserts `element` unless an equal one is there; returns whether it was new. `hash` is the
  /// element's hash, computed once by the caller (equal elements must have equal hashes).
  @discardableResult
  mutating func insert(_ element: consuming Element, hash: Int) -> Bool {
    let mask = slots.count - 1
    var slot = hash & mask
    while slots[slot] >= 0 {
      let index = Int(slots[slot])
      if hashes[index] == hash, elements[index] == element { return false }
      slot = (slot + 1) & mask
    }
    slots[slot] = Int32(elements.count)
    elements.append(element)
    hashes.append(hash)
    if 2 * elements.count > slots.count { grow() }
    return true
  }

  /// Doubles the slots and places every index again, by its kept hash.
  private mutating func grow() {
    slots = Array(repeating: -1, count: 2 * slots.count)
    let mask = slots.count - 1
    for index in hashes.indices {
      var slot = hashes[index] & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index)
    }
  }
}
