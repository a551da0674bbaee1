/// The set of visited states: fixed-width word keys in one flat array, indexed by an open-
/// addressing hash table, numbered in the order they were first seen.
///
/// The numbering doubles as the breadth-first queue (state `n` is expanded after state
/// `n - 1`), so the search needs no second copy of its frontier. The hash is computed here from
/// the words, never taken from Swift's per-process seeded `Hasher`: nothing about the search,
/// including the order states are found in, changes from one process to the next.
struct VisitedStates {
  /// Words per state.
  let width: Int
  /// State `n` is `store[n * width ..< (n + 1) * width]`.
  private(set) var store: [UInt64] = []
  /// `table[slot]` holds 32 bits of the state's hash above its number plus one, or zero for an
  /// empty slot. The hash bits let a probe skip most unequal states without touching `store`
  /// (one cache miss instead of two).
  private var table: [UInt64]
  private var mask: Int
  /// Number of states.
  private(set) var count = 0

  init(width: Int, capacity: Int = 1 << 16) {
    self.width = width
    var size = 1 << 10
    while size < capacity * 2 { size <<= 1 }
    table = Array(repeating: 0, count: size)
    mask = size - 1
    store.reserveCapacity(capacity * width)
  }

  /// Adds the state `key[0..<width]` unless it is there; returns its number and whether it is
  /// new.
  /// - Complexity: O(width) expected.
  @inline(__always)
  mutating func insert(_ key: UnsafePointer<UInt64>) -> (index: Int, isNew: Bool) {
    if count * 2 >= table.count { grow() }
    let width = width
    let mask = mask
    let hash = Self.hash(key, width)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: hash) & mask
    let found: Int? = store.withUnsafeBufferPointer { stored in
      table.withUnsafeBufferPointer { table in
        while true {
          let entry = table[slot]
          if entry == 0 { return nil }
          if entry & 0xFFFF_FFFF_0000_0000 != tag {
            slot = (slot + 1) & mask
            continue
          }
          let base = (Int(entry & 0xFFFF_FFFF) - 1) * width
          var equal = true
          for word in 0..<width where stored[base + word] != key[word] {
            equal = false
            break
          }
          if equal { return Int(entry & 0xFFFF_FFFF) - 1 }
          slot = (slot + 1) & mask
        }
      }
    }
    if let found { return (found, false) }
    table[slot] = tag | UInt64(count + 1)
    if store.count + width > store.capacity { store.reserveCapacity(store.capacity * 4) }
    store.append(contentsOf: UnsafeBufferPointer(start: key, count: width))
    count += 1
    return (count - 1, true)
  }

  /// The words of state `index`.
  @inline(__always)
  func withState<R>(_ index: Int, _ body: (UnsafePointer<UInt64>) -> R) -> R {
    store.withUnsafeBufferPointer { body($0.baseAddress! + index * width) }
  }

  private mutating func grow() {
    let size = table.count * 4
    table = Array(repeating: 0, count: size)
    mask = size - 1
    for index in 0..<count {
      let hash = withState(index) { Self.hash($0, width) }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while table[slot] != 0 { slot = (slot + 1) & mask }
      table[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
    }
  }

  /// A multiply-xorshift hash over the words (stable across processes).
  @inline(__always)
  static func hash(_ key: UnsafePointer<UInt64>, _ width: Int) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    for word in 0..<width {
      hash = (hash ^ key[word]) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
    }
    hash = (hash ^ (hash >> 29)) &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 32)
  }
}
