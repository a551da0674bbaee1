#if canImport(Glibc)
  import Glibc
#endif

/// The set of visited states: fixed-width word keys in one flat array, indexed by an open-
/// addressing hash table, numbered in the order they were first seen.
///
/// The numbering doubles as the breadth-first queue (state `n` is expanded after state
/// `n - 1`), so the search needs no second copy of its frontier. The hash is computed here from
/// the words, never taken from Swift's per-process seeded `Hasher`: nothing about the search,
/// including the order states are found in, changes from one process to the next.
///
/// The table and the chunks live in `WordBuffer`s (huge pages where the system offers them, so
/// the random probes of a table of tens of megabytes miss in the cache, not also in the TLB),
/// and `touch(_:_:)` lets the explorer start the table misses of all a state's successors at
/// once before it inserts them one by one.
struct VisitedStates {
  /// Words per state.
  let width: Int
  /// State `n` is `chunks[n >> chunkShift]` at word `(n & chunkMask) * width`: fixed chunks
  /// that never move, so growing copies nothing and a state's address stays valid.
  private var chunks: [WordBuffer] = []
  private var chunkBases: [UnsafeMutablePointer<UInt64>] = []
  private static let chunkShift = 16
  private static let chunkMask = (1 << chunkShift) - 1
  /// `table[slot]` holds 32 bits of the state's hash above its number plus one, or zero for an
  /// empty slot. The hash bits let a probe skip most unequal states without reading their words
  /// (one cache miss instead of two). The size is a power of two, at most half full.
  private var table: WordBuffer
  private var mask: Int
  /// Number of states.
  private(set) var count = 0
  /// Where `touch` leaves what it read, so the loads are not optimised away.
  private var sink: UInt64 = 0

  init(width: Int, capacity: Int = 1 << 16) {
    self.width = width
    var size = 1 << 10
    while size < capacity * 2 { size <<= 1 }
    table = WordBuffer(count: size)
    mask = size - 1
  }

  /// Makes sure no copy of this value shares its buffers (an `Explorer` copied before it ran).
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&table) { table = table.copy() }
    if chunks.indices.contains(where: { !isKnownUniquelyReferenced(&chunks[$0]) }) {
      chunks = chunks.map { $0.copy() }
      chunkBases = chunks.map(\.words)
    }
  }

  /// Reads the home slots of keys with `hashes[0..<count]` before they are inserted:
  /// independent loads the processor overlaps, so a batch of successors waits for about one
  /// table miss instead of one each. (Also reading the first word of the states the slots name
  /// measured slower: those loads depend on the slots.)
  @inline(__always)
  mutating func touch(_ hashes: UnsafePointer<UInt64>, _ count: Int) {
    let table = table.words
    let mask = mask
    var entries: UInt64 = 0
    for index in 0..<count {
      entries &+= table[Int(truncatingIfNeeded: hashes[index]) & mask]
    }
    sink = entries
  }

  /// Adds the state `key[0..<width]`, whose hash is `hash(key, width)`, unless it is there;
  /// returns its number and whether it is new.
  /// - Complexity: O(width) expected.
  @inline(__always)
  mutating func insert(_ key: UnsafePointer<UInt64>, hash: UInt64) -> (index: Int, isNew: Bool) {
    if count * 2 >= mask + 1 { grow() }
    let width = width
    let mask = mask
    let table = table.words
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = table[slot]
      if entry == 0 { break }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let base = state(Int(entry & 0xFFFF_FFFF) - 1)
        var word = 0
        while word < width, base[word] == key[word] { word += 1 }
        if word == width { return (Int(entry & 0xFFFF_FFFF) - 1, false) }
      }
      slot = (slot + 1) & mask
    }
    table[slot] = tag | UInt64(count + 1)
    if count & Self.chunkMask == 0 {
      chunks.append(WordBuffer(count: (Self.chunkMask + 1) * width, zeroed: false))
      chunkBases.append(chunks[chunks.count - 1].words)
    }
    UnsafeMutablePointer(mutating: state(count)).update(from: key, count: width)
    count += 1
    return (count - 1, true)
  }

  /// Where the words of state `index` are (they never move).
  @inline(__always)
  func state(_ index: Int) -> UnsafePointer<UInt64> {
    UnsafePointer(chunkBases[index >> Self.chunkShift] + (index & Self.chunkMask) * width)
  }

  private mutating func grow() {
    let size = (mask + 1) * 4
    table = WordBuffer(count: size)
    mask = size - 1
    let table = table.words
    for index in 0..<count {
      let hash = Self.hash(state(index), width)
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

/// A zeroed run of words the explorer owns alone: no copy on write, no bounds checks, and on
/// Linux backed by transparent huge pages when it is large.
///
/// A reference type only so that `deinit` frees it. `VisitedStates` never shares one: the
/// explorer that holds it is used by one search at a time.
final class WordBuffer {
  /// The words.
  private(set) var words: UnsafeMutablePointer<UInt64>
  /// How many words.
  private(set) var count: Int

  private static let hugePage = 2 << 20

  /// `count` words, zero unless `zeroed` is false (then the owner writes before it reads).
  init(count: Int, zeroed: Bool = true) {
    self.count = count
    words = Self.allocate(count)
    if zeroed { words.initialize(repeating: 0, count: count) }
  }

  deinit { words.deallocate() }

  /// A buffer of its own with the same words.
  func copy() -> WordBuffer {
    let copy = WordBuffer(count: count)
    copy.words.update(from: words, count: count)
    return copy
  }

  private static func allocate(_ count: Int) -> UnsafeMutablePointer<UInt64> {
    let bytes = count * MemoryLayout<UInt64>.stride
    guard bytes >= hugePage else { return .allocate(capacity: count) }
    let rounded = (bytes + hugePage - 1) / hugePage * hugePage
    let raw = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: hugePage)
    #if canImport(Glibc)
      _ = madvise(raw, rounded, MADV_HUGEPAGE)  // advice only: fine if refused
    #endif
    return raw.bindMemory(to: UInt64.self, capacity: count)
  }
}
