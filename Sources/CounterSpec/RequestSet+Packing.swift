/// Reads words in the order they were packed (see `RequestSet.pack(into:)` and
/// `Level3Pure.Cluster.pack(into:numbering:)`).
public struct WordReader {
  @usableFromInline let words: [UInt64]
  @usableFromInline var position: Int

  /// A reader of `words` from `position`.
  public init(_ words: [UInt64], from position: Int = 0) {
    self.words = words
    self.position = position
  }

  /// The next word.
  @inlinable
  public mutating func next() -> UInt64 {
    defer { position += 1 }
    return words[position]
  }

  /// The next word, as a small non-negative integer.
  @inlinable
  public mutating func nextInt() -> Int { Int(truncatingIfNeeded: next()) }

  /// How many words were read.
  public var wordsRead: Int { position }
}

/// Writes words into a buffer it does not own (see `RequestSet.pack(into:)` and
/// `Level3Pure.Cluster.pack(into:numbering:)`): a store and a count, where appending to an array would check
/// its uniqueness and capacity at every word. The owner of the buffer keeps it alive while the
/// writer is used.
public struct WordWriter {
  @usableFromInline let buffer: UnsafeMutableBufferPointer<UInt64>
  @usableFromInline var end: Int

  /// How many words were written.
  @inlinable
  public var count: Int { end }

  /// A writer into `buffer`, from its start.
  public init(_ buffer: UnsafeMutableBufferPointer<UInt64>) {
    self.buffer = buffer
    end = 0
  }

  /// Writes `word` after the others. Stops the program if the buffer is full: the owner sized
  /// it for the largest state its bounds allow.
  @inlinable
  public mutating func append(_ word: UInt64) {
    precondition(count < buffer.count, "a packed state outgrew its buffer of \(buffer.count) words")
    buffer[end] = word
    end += 1
  }

  /// Writes `words` after the others, in one copy.
  @inlinable
  @inline(__always)
  public mutating func append(contentsOf words: UnsafeBufferPointer<UInt64>) {
    precondition(words.count <= buffer.count - end, "a packed state outgrew its buffer")
    guard let source = words.baseAddress else { return }
    let target = buffer.baseAddress! + end
    if words.count <= 8 {  // most runs are a few words: a loop beats a call to memmove
      for index in 0..<words.count { target[index] = source[index] }
    } else {
      target.update(from: source, count: words.count)
    }
    end += words.count
  }

  /// Makes room for `count` more words and returns where they start: the caller writes all of
  /// them. Stops the program if the buffer is full, as `append` does.
  @inlinable
  @inline(__always)
  public mutating func extend(by count: Int) -> UnsafeMutablePointer<UInt64> {
    precondition(count <= buffer.count - end, "a packed state outgrew its buffer")
    let target = buffer.baseAddress! + end
    end += count
    return target
  }

  /// The words written so far.
  public var written: UnsafeMutableBufferPointer<UInt64> {
    UnsafeMutableBufferPointer(rebasing: buffer[..<count])
  }
}

extension RequestSet {
  /// Appends the set. A set of the first client's requests 1 to 63 only (most sets) is one
  /// word: those requests' bits shifted up by one, the low bit set. Any other set is a word
  /// with the low bit clear and a mask of its non-zero client words above it, then those words.
  /// Equal sets always take the same form, so equal sets write equal words.
  @inlinable
  public func pack(into words: inout WordWriter) {
    let all = storage.storage
    if all.1 | all.2 | all.3 | all.4 | all.5 | all.6 | all.7 == 0, all.0 >> 63 == 0 {
      words.append(all.0 << 1 | 1)
      return
    }
    var mask: UInt64 = 0
    for index in 0..<Self.maxClients where storage[index] != 0 { mask |= 1 << UInt64(index) }
    words.append(mask << 1)
    for index in 0..<Self.maxClients where storage[index] != 0 { words.append(storage[index]) }
  }

  /// How many words `pack(into:)` wrote for a set whose first word is `first`.
  @inlinable
  public static func packedLength(first: UInt64) -> Int {
    first & 1 == 1 ? 1 : 1 + (first >> 1).nonzeroBitCount
  }

  /// A set read back from the words `pack(into:)` wrote at `words`.
  @inlinable
  public init(unpacking words: UnsafePointer<UInt64>) {
    self.init()
    let first = words[0]
    if first & 1 == 1 {
      storage.storage.0 = first >> 1
      return
    }
    var mask = first >> 1
    var next = 1
    while mask != 0 {
      storage[mask.trailingZeroBitCount] = words[next]
      next += 1
      mask &= mask &- 1
    }
  }

  /// A set read back from what `pack(into:)` wrote.
  @inlinable
  public init(unpacking reader: inout WordReader) {
    self.init()
    let first = reader.next()
    if first & 1 == 1 {
      storage.storage.0 = first >> 1
      return
    }
    var mask = first >> 1
    while mask != 0 {
      storage[mask.trailingZeroBitCount] = reader.next()
      mask &= mask &- 1
    }
  }
}

/// What the packed stores do with a run of words: hash it and compare it (the explorer's
/// `PackedStates`, and `Level3Pure.NodeTable`).
public enum WordRun {
  /// A 64-bit hash of the `count` words at `words` (a multiply per word, then a final mix; any
  /// good mix will do: it decides where a run sits in a table, never the order of a search).
  @inlinable
  public static func hash(_ words: UnsafePointer<UInt64>, count: Int) -> UInt64 {
    var hash = seed(count: count)
    for index in 0..<count { mix(words[index], into: &hash) }
    return finish(hash)
  }

  /// Where `hash` of a run of `count` words starts.
  @inlinable
  @inline(__always)
  public static func seed(count: Int) -> UInt64 { 0x9E37_79B9_7F4A_7C15 &+ UInt64(count) }

  /// Mixes the run's next word, `word`, into `hash` (so a run can be hashed in pieces, then
  /// `finish`ed). A multiply carries every bit upwards only; `finish` brings them back down.
  @inlinable
  @inline(__always)
  public static func mix(_ word: UInt64, into hash: inout UInt64) {
    hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
  }

  /// The hash of a run whose words were all `mix`ed into `hash`: the high bits, where every
  /// word left its mark, folded into the low bits that pick a table slot.
  @inlinable
  @inline(__always)
  public static func finish(_ hash: UInt64) -> UInt64 {
    var hash = hash ^ hash >> 32
    hash &*= 0x94D0_49BB_1331_11EB
    return hash ^ hash >> 29
  }

  /// Whether the `count` words at `a` and at `b` are equal.
  @inlinable
  public static func equal(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, count: Int
  ) -> Bool {
    // Every word compared, differences gathered without a branch per word: runs compared
    // here are short, and usually equal.
    var difference: UInt64 = 0
    for offset in 0..<count { difference |= a[offset] ^ b[offset] }
    return difference == 0
  }
}
