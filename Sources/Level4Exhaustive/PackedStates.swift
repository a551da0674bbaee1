/// The visited states of `Explorer.explorePacked`: every state as a run of 64-bit words in one
/// flat array, in the order found, and an open-addressing table of their indices, each tagged
/// with part of its hash (linear probing, at most half full).
///
/// A state costs its words and three numbers, with no heap buffer of its own: storing, hashing
/// and comparing it touch one contiguous run of memory. Each state's words end with some that
/// are kept but not compared (the order its messages were sent in).
struct PackedStates {
  /// Every state's words, back to back.
  private var words: [UInt64] = []
  /// Where state `i` starts in `words`; one more entry marks the end of the last.
  private var starts: [Int] = [0]
  /// How many of state `i`'s words are compared.
  private var compared: [Int32] = []
  /// Each state's hash, by index (read only to grow the table).
  private var hashes: [UInt64] = []
  /// A state's index plus one in the low 32 bits (0 marks an empty slot) and the top 32 bits of
  /// its hash above, so a probe rejects most other states without reading anything else. The
  /// count is a power of two.
  private var slots: [UInt64] = Array(repeating: 0, count: 1 << 12)

  /// How many distinct states were inserted.
  var count: Int { compared.count }
  var wordCount: Int { words.count }

  /// Replaces `buffer` with the words of state `index`.
  func copy(_ index: Int, into buffer: inout [UInt64]) {
    buffer.removeAll(keepingCapacity: true)
    for position in starts[index]..<starts[index + 1] { buffer.append(words[position]) }
  }

  /// Inserts the state in `state` (its first `compared` words are compared) unless an equal
  /// one is there; returns whether it was new.
  @discardableResult
  mutating func insert(_ state: UnsafeMutableBufferPointer<UInt64>, compared length: Int) -> Bool {
    let hash = Self.hash(state, length)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 {
      if slots[slot] & 0xFFFF_FFFF_0000_0000 == tag {
        let index = Int(slots[slot] & 0xFFFF_FFFF) - 1
        if Int(compared[index]) == length, same(state, index, length) { return false }
      }
      slot = (slot + 1) & mask
    }
    slots[slot] = tag | UInt64(count + 1)
    words.append(contentsOf: state)
    starts.append(words.count)
    compared.append(Int32(length))
    hashes.append(hash)
    if 2 * count > slots.count { grow() }
    return true
  }

  /// Whether the first `length` words of `state` are those of state `index`.
  private func same(_ state: UnsafeMutableBufferPointer<UInt64>, _ index: Int, _ length: Int) -> Bool {
    words.withUnsafeBufferPointer { stored in
      let start = stored.baseAddress! + starts[index]
      for offset in 0..<length where start[offset] != state[offset] { return false }
      return true
    }
  }

  /// A 64-bit hash of the first `length` words (multiply-xorshift per word; any good mix will
  /// do: it decides where a state sits in the table, never the order of the search).
  private static func hash(_ state: UnsafeMutableBufferPointer<UInt64>, _ length: Int) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(length)
    for index in 0..<length {
      hash = (hash ^ state[index]) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
    }
    return hash
  }

  /// Doubles the slots and places every index again, by its kept hash.
  private mutating func grow() {
    slots = Array(repeating: 0, count: 2 * slots.count)
    let mask = slots.count - 1
    for index in hashes.indices {
      var slot = Int(truncatingIfNeeded: hashes[index]) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = hashes[index] & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
    }
  }
}
