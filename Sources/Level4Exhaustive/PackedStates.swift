import CounterSpec

/// The visited states of `Explorer.explorePacked`: every state as a run of 64-bit words, in the
/// order found, and an open-addressing table of where each run starts, tagged with part of its
/// hash (linear probing, at most half full).
///
/// A state costs its words, a header word and two table words, with no heap buffer of its own.
/// It is stored as one contiguous run (header first: how many words it has, how many of them
/// are compared), so checking a candidate reads one slot and one run of memory. Each state's
/// words end with some that are kept but not compared (the order its messages were sent in).
/// Runs live in chunks that never move (growing copies nothing) and are freed with the store.
struct PackedStates: ~Copyable {
  /// Words per chunk (8 MiB unless a test asks for less), and so the most words a state may
  /// have: a power of two, so that finding a state's chunk is a shift, not a division.
  private let chunkWords: Int
  private let chunkShift: Int
  /// The chunks, in order.
  private var chunks: [UnsafeMutablePointer<UInt64>] = []
  /// Words used in the last chunk.
  private var used = 0
  /// Where state `i`'s header is: its chunk times `chunkWords` plus its offset (under 2^40).
  private var starts: [UInt64] = []
  /// State `i`'s hash (read only to grow the table).
  private var hashes: [UInt64] = []
  /// A state's `starts` entry plus one in the low 40 bits (0 marks an empty slot) and the top
  /// 24 bits of its hash above, so a probe rejects most other states without reading them. The
  /// count is a power of two.
  private var slots: UnsafeMutableBufferPointer<UInt64>

  /// An empty store whose chunks hold `chunkWords` words each (a power of two), with room
  /// reserved for `expected` states' entries: reserved, not touched, so the system provides the
  /// pages only as they fill, and the arrays are never copied to grow.
  init(chunkWords: Int = 1 << 20, expected: Int = 0) {
    precondition(
      chunkWords >= 2 && chunkWords.nonzeroBitCount == 1, "chunks of a power of two words")
    self.chunkWords = chunkWords
    chunkShift = chunkWords.trailingZeroBitCount
    slots = Self.zeroedSlots(1 << 12)
    starts.reserveCapacity(expected)
    hashes.reserveCapacity(expected)
  }

  deinit {
    for chunk in chunks { ZeroedPages.deallocate(chunk, count: chunkWords) }
    ZeroedPages.deallocate(slots.baseAddress!, count: slots.count)
  }

  /// `count` empty slots.
  private static func zeroedSlots(_ count: Int) -> UnsafeMutableBufferPointer<UInt64> {
    UnsafeMutableBufferPointer(start: ZeroedPages.allocate(words: count), count: count)
  }

  /// How many distinct states were inserted.
  var count: Int { starts.count }

  /// Copies the words of state `index` (all of them, compared or not) to the start of `buffer`;
  /// returns them there.
  func copy(_ index: Int, into buffer: UnsafeMutableBufferPointer<UInt64>)
    -> UnsafeMutableBufferPointer<UInt64>
  {
    let run = run(at: starts[index])
    let count = Int(run[0] >> 32)
    precondition(count <= buffer.count, "a state of \(count) words is too large to expand")
    buffer.baseAddress!.update(from: run + 1, count: count)
    return UnsafeMutableBufferPointer(rebasing: buffer[..<count])
  }

  /// Inserts `state` (its first `length` words are compared) unless an equal one is there;
  /// returns whether it was new.
  @discardableResult
  mutating func insert(_ state: UnsafeMutableBufferPointer<UInt64>, compared length: Int) -> Bool {
    insert(state, compared: length, hash: WordRun.hash(state.baseAddress!, count: length))
  }

  /// The hash `insert` files `state` under (its first `length` words are compared).
  static func hash(of state: UnsafeMutableBufferPointer<UInt64>, compared length: Int) -> UInt64 {
    WordRun.hash(state.baseAddress!, count: length)
  }

  /// Asks the processor to fetch the slot where a state of hash `hash` is looked for first, so
  /// that it is in the cache when `insert` reads it after other work: a probe of a large table
  /// waits for memory far more than it computes. (A prefetch, not a load: the processor goes on
  /// at once.)
  func touch(_ hash: UInt64) {
    prefetch(slots.baseAddress! + Int(truncatingIfNeeded: hash) & (slots.count - 1))
  }

  /// `insert(_:compared:)` of a state whose `hash(of:compared:)` is `hash`.
  mutating func insert(
    _ state: UnsafeMutableBufferPointer<UInt64>, compared length: Int, hash: UInt64
  ) -> Bool {
    let tag = hash & Self.tagMask
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 {
      if slots[slot] & Self.tagMask == tag {
        let run = run(at: slots[slot] & ~Self.tagMask - 1)
        if run[0] & 0xFFFF_FFFF == UInt64(length),
          WordRun.equal(state.baseAddress!, run + 1, count: length)
        {
          return false
        }
      }
      slot = (slot + 1) & mask
    }
    let start = store(state, compared: length)
    starts.append(start)
    hashes.append(hash)
    slots[slot] = tag | (start + 1)
    if 2 * count > slots.count { grow() }
    return true
  }

  private static let tagMask: UInt64 = 0xFFFF_FF00_0000_0000

  /// The header of the run that `start` locates.
  private func run(at start: UInt64) -> UnsafeMutablePointer<UInt64> {
    chunks[Int(start) >> chunkShift] + Int(start) & (chunkWords - 1)
  }

  /// Copies `state` into the last chunk (or a new one) after a header word; returns its start.
  private mutating func store(_ state: UnsafeMutableBufferPointer<UInt64>, compared length: Int)
    -> UInt64
  {
    let needed = 1 + state.count
    precondition(needed <= chunkWords, "a state of \(state.count) words is too large to store")
    if chunks.isEmpty || used + needed > chunkWords {
      chunks.append(ZeroedPages.allocate(words: chunkWords))
      used = 0
    }
    let run = chunks[chunks.count - 1] + used
    run[0] = UInt64(state.count) << 32 | UInt64(length)
    (run + 1).update(from: state.baseAddress!, count: state.count)
    let start = UInt64((chunks.count - 1) * chunkWords + used)
    used += needed
    return start
  }
  /// Doubles the slots and places every state again, by its kept hash.
  private mutating func grow() {
    let old = slots
    slots = Self.zeroedSlots(2 * old.count)
    ZeroedPages.deallocate(old.baseAddress!, count: old.count)
    let mask = slots.count - 1
    for (start, hash) in zip(starts, hashes) {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = hash & Self.tagMask | (start + 1)
    }
  }
}

/// LLVM's prefetch intrinsic, which Swift does not expose: `address`, for reading (0), kept in
/// every cache level (3), data (1). It never faults, whatever the address.
@_silgen_name("llvm.prefetch.p0")
private func prefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ data: Int32)

/// Fetches the cache line at `address` ahead of a read, without waiting for it.
@inline(__always)
private func prefetch(_ address: UnsafePointer<UInt64>) {
  prefetch(UnsafeRawPointer(address), 0, 3, 1)
}
