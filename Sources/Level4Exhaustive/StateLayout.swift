/// The canonical encoding of a `World` as a fixed number of 64-bit words.
///
/// A bit-packed header (per replica: up and tally; per replica: disk, only when crashes are
/// possible; per client: code and pending timer; then the budgets used), followed by the sorted
/// packets in flight, padded with zeros (no packet is zero). Two worlds are equal exactly when
/// their encodings are, which is what makes the visited set sound and small.
struct StateLayout {
  let replicas: Int
  let clients: Int
  let tallyBits: Int
  let codeBits: Int
  let tracksDisks: Bool
  let budgetBits: (Int, Int, Int, Int, Int)
  let maxInFlight: Int
  /// Words of the header.
  let headerWords: Int
  /// Words of a whole state.
  let width: Int

  init(bounds: Bounds, codec: Codec, table: ClientTable) {
    replicas = bounds.replicas
    clients = bounds.clients
    tallyBits = codec.tallyBits
    codeBits = table.codeBits
    tracksDisks = bounds.crashes > 0
    budgetBits = (
      Bounds.bitWidth(bounds.drops), Bounds.bitWidth(bounds.duplicates),
      Bounds.bitWidth(bounds.crashes), Bounds.bitWidth(bounds.retries),
      Bounds.bitWidth(bounds.gossips)
    )
    maxInFlight = bounds.maxInFlight
    var bits = replicas * (1 + tallyBits) + clients * (codeBits + 1)
    if tracksDisks { bits += replicas * tallyBits }
    bits += budgetBits.0 + budgetBits.1 + budgetBits.2 + budgetBits.3 + budgetBits.4
    headerWords = max(1, (bits + 63) / 64)
    width = headerWords + maxInFlight
  }

  /// Writes the encoding of `world` into `key[0..<width]`.
  func encode(_ world: World, into key: UnsafeMutablePointer<UInt64>) {
    world.flight.withUnsafeBufferPointer { flight in
      encode(world.globals, flight: flight.baseAddress!, count: flight.count, into: key)
    }
  }

  /// Writes the encoding of `globals` with the sorted packets `flight[0..<count]` into
  /// `key[0..<width]`.
  @inline(__always)
  func encode(
    _ globals: Globals, flight: UnsafePointer<UInt64>, count: Int,
    into key: UnsafeMutablePointer<UInt64>
  ) {
    var writer = BitWriter(key)
    for replica in 0..<replicas {
      writer.put(globals.isUp(replica) ? 1 : 0, bits: 1)
      writer.put(globals.tallies[replica], bits: tallyBits)
    }
    if tracksDisks {
      for replica in 0..<replicas { writer.put(globals.disks[replica], bits: tallyBits) }
    }
    for client in 0..<clients {
      writer.put(globals.codes[client], bits: codeBits)
      writer.put(globals.isPending(client) ? 1 : 0, bits: 1)
    }
    writer.put(UInt64(globals.dropsUsed), bits: budgetBits.0)
    writer.put(UInt64(globals.duplicatesUsed), bits: budgetBits.1)
    writer.put(UInt64(globals.crashesUsed), bits: budgetBits.2)
    writer.put(UInt64(globals.retriesUsed), bits: budgetBits.3)
    writer.put(UInt64(globals.gossipsUsed), bits: budgetBits.4)
    writer.finish(words: headerWords)
    let packets = key + headerWords
    for index in 0..<count { packets[index] = flight[index] }
    for index in count..<maxInFlight { packets[index] = 0 }
  }

  /// Reads a world back from `key[0..<width]` into `world`, reusing its storage.
  func decode(_ key: UnsafePointer<UInt64>, into world: inout World) {
    let count = decode(key, into: &world.globals)
    world.flight.removeAll(keepingCapacity: true)
    world.flight.append(contentsOf: UnsafeBufferPointer(start: key + headerWords, count: count))
  }

  /// Reads the globals back from `key[0..<width]` into `globals`; returns how many packets are
  /// in flight (they are `key[headerWords..<headerWords + count]`, sorted).
  @inline(__always)
  func decode(_ key: UnsafePointer<UInt64>, into globals: inout Globals) -> Int {
    var reader = BitReader(key)
    globals.up = 0
    globals.pending = 0
    for replica in 0..<replicas {
      if reader.take(bits: 1) != 0 { globals.up |= 1 << UInt64(replica) }
      globals.tallies[replica] = reader.take(bits: tallyBits)
    }
    if tracksDisks {
      for replica in 0..<replicas { globals.disks[replica] = reader.take(bits: tallyBits) }
    }
    for client in 0..<clients {
      globals.codes[client] = reader.take(bits: codeBits)
      if reader.take(bits: 1) != 0 { globals.pending |= 1 << UInt64(client) }
    }
    globals.dropsUsed = Int(reader.take(bits: budgetBits.0))
    globals.duplicatesUsed = Int(reader.take(bits: budgetBits.1))
    globals.crashesUsed = Int(reader.take(bits: budgetBits.2))
    globals.retriesUsed = Int(reader.take(bits: budgetBits.3))
    globals.gossipsUsed = Int(reader.take(bits: budgetBits.4))
    var count = 0
    while count < maxInFlight, key[headerWords + count] != 0 { count += 1 }
    return count
  }
}

/// Appends bit fields to a run of words, low bits first, a word at a time.
struct BitWriter {
  private let words: UnsafeMutablePointer<UInt64>
  private var index = 0
  private var used = 0
  private var current: UInt64 = 0

  @inline(__always)
  init(_ words: UnsafeMutablePointer<UInt64>) { self.words = words }

  @inline(__always)
  mutating func put(_ value: UInt64, bits: Int) {
    guard bits > 0 else { return }
    current |= value << UInt64(used)
    used += bits
    if used >= 64 {
      words[index] = current
      index += 1
      used -= 64
      current = used > 0 ? value >> UInt64(bits - used) : 0
    }
  }

  /// Writes what is left and zeroes the rest of the first `count` words.
  @inline(__always)
  mutating func finish(words count: Int) {
    while index < count {
      words[index] = current
      current = 0
      index += 1
    }
  }
}

/// Reads the bit fields a `BitWriter` wrote, in the same order.
struct BitReader {
  private let words: UnsafePointer<UInt64>
  private var index = 0
  private var used = 0

  @inline(__always)
  init(_ words: UnsafePointer<UInt64>) { self.words = words }

  @inline(__always)
  mutating func take(bits: Int) -> UInt64 {
    guard bits > 0 else { return 0 }
    var value = words[index] >> UInt64(used)
    if used + bits >= 64 {
      let spill = used + bits - 64
      index += 1
      if spill > 0 { value |= words[index] << UInt64(bits - spill) }
      used = spill
    } else {
      used += bits
    }
    return bits >= 64 ? value : value & ((1 << UInt64(bits)) - 1)
  }
}

/// The budgets a state counts.
enum Budget {
  case drops, duplicates, crashes, retries, gossips
}

/// Where each field of the header sits: the very bits `StateLayout.encode` writes (a test
/// checks they agree), so the explorer reads and changes the fields of an encoded state in
/// place, and encoding a successor is copying its words.
struct HeaderFields {
  let tallyBits: Int
  let codeBits: Int
  private let diskStart: Int
  private let clientStart: Int
  private let budgetStart: Int
  private let budgetBits: (Int, Int, Int, Int, Int)

  init(_ layout: StateLayout) {
    tallyBits = layout.tallyBits
    codeBits = layout.codeBits
    budgetBits = layout.budgetBits
    diskStart = layout.replicas * (1 + tallyBits)
    clientStart = diskStart + (layout.tracksDisks ? layout.replicas * tallyBits : 0)
    budgetStart = clientStart + layout.clients * (codeBits + 1)
  }

  typealias Words = UnsafeMutablePointer<UInt64>
  typealias ReadWords = UnsafePointer<UInt64>

  @inline(__always) func isUp(_ header: ReadWords, _ replica: Int) -> Bool {
    Self.get(header, at: replica * (1 + tallyBits), bits: 1) != 0
  }
  @inline(__always) func setUp(_ header: Words, _ replica: Int, _ up: Bool) {
    Self.set(header, up ? 1 : 0, at: replica * (1 + tallyBits), bits: 1)
  }
  @inline(__always) func tally(_ header: ReadWords, _ replica: Int) -> UInt64 {
    Self.get(header, at: replica * (1 + tallyBits) + 1, bits: tallyBits)
  }
  @inline(__always) func setTally(_ header: Words, _ replica: Int, _ tally: UInt64) {
    Self.set(header, tally, at: replica * (1 + tallyBits) + 1, bits: tallyBits)
  }
  /// Replica `replica`'s disk (only when the layout tracks disks).
  @inline(__always) func disk(_ header: ReadWords, _ replica: Int) -> UInt64 {
    Self.get(header, at: diskStart + replica * tallyBits, bits: tallyBits)
  }
  @inline(__always) func setDisk(_ header: Words, _ replica: Int, _ tally: UInt64) {
    Self.set(header, tally, at: diskStart + replica * tallyBits, bits: tallyBits)
  }
  @inline(__always) func code(_ header: ReadWords, _ client: Int) -> UInt64 {
    Self.get(header, at: clientStart + client * (codeBits + 1), bits: codeBits)
  }
  @inline(__always) func setCode(_ header: Words, _ client: Int, _ code: UInt64) {
    Self.set(header, code, at: clientStart + client * (codeBits + 1), bits: codeBits)
  }
  @inline(__always) func isPending(_ header: ReadWords, _ client: Int) -> Bool {
    Self.get(header, at: clientStart + client * (codeBits + 1) + codeBits, bits: 1) != 0
  }
  @inline(__always) func setPending(_ header: Words, _ client: Int, _ pending: Bool) {
    let offset = clientStart + client * (codeBits + 1) + codeBits
    Self.set(header, pending ? 1 : 0, at: offset, bits: 1)
  }

  @inline(__always) private func place(_ budget: Budget) -> (offset: Int, bits: Int) {
    switch budget {
    case .drops: (budgetStart, budgetBits.0)
    case .duplicates: (budgetStart + budgetBits.0, budgetBits.1)
    case .crashes: (budgetStart + budgetBits.0 + budgetBits.1, budgetBits.2)
    case .retries: (budgetStart + budgetBits.0 + budgetBits.1 + budgetBits.2, budgetBits.3)
    case .gossips:
      (budgetStart + budgetBits.0 + budgetBits.1 + budgetBits.2 + budgetBits.3, budgetBits.4)
    }
  }

  /// How much of `budget` the state has spent.
  @inline(__always) func used(_ header: ReadWords, _ budget: Budget) -> Int {
    let (offset, bits) = place(budget)
    return Int(Self.get(header, at: offset, bits: bits))
  }

  /// Spends one more of `budget` (the caller checked there is one left).
  @inline(__always) func spend(_ header: Words, _ budget: Budget) {
    let (offset, bits) = place(budget)
    let spent = Self.get(UnsafePointer(header), at: offset, bits: bits) + 1
    Self.set(header, spent, at: offset, bits: bits)
  }

  @inline(__always)
  static func get(_ words: ReadWords, at offset: Int, bits: Int) -> UInt64 {
    guard bits > 0 else { return 0 }
    let word = offset >> 6
    let shift = offset & 63
    var value = words[word] >> UInt64(shift)
    if shift + bits > 64 { value |= words[word + 1] << UInt64(64 - shift) }
    return bits >= 64 ? value : value & ((1 << UInt64(bits)) - 1)
  }

  @inline(__always)
  static func set(_ words: Words, _ value: UInt64, at offset: Int, bits: Int) {
    guard bits > 0 else { return }
    let word = offset >> 6
    let shift = offset & 63
    let mask: UInt64 = bits >= 64 ? ~0 : (1 << UInt64(bits)) - 1
    words[word] = words[word] & ~(mask << UInt64(shift)) | (value & mask) << UInt64(shift)
    if shift + bits > 64 {
      let high = mask >> UInt64(64 - shift)
      words[word + 1] = words[word + 1] & ~high | (value >> UInt64(64 - shift)) & high
    }
  }
}
