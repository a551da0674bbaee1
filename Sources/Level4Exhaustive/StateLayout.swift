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
  @inline(__always)
  func encode(_ world: World, into key: UnsafeMutablePointer<UInt64>) {
    var writer = BitWriter(key, words: headerWords)
    for replica in 0..<replicas {
      writer.put(world.isUp(replica) ? 1 : 0, bits: 1)
      writer.put(world.tallies[replica], bits: tallyBits)
    }
    if tracksDisks {
      for replica in 0..<replicas { writer.put(world.disks[replica], bits: tallyBits) }
    }
    for client in 0..<clients {
      writer.put(world.codes[client], bits: codeBits)
      writer.put(world.isPending(client) ? 1 : 0, bits: 1)
    }
    writer.put(UInt64(world.dropsUsed), bits: budgetBits.0)
    writer.put(UInt64(world.duplicatesUsed), bits: budgetBits.1)
    writer.put(UInt64(world.crashesUsed), bits: budgetBits.2)
    writer.put(UInt64(world.retriesUsed), bits: budgetBits.3)
    writer.put(UInt64(world.gossipsUsed), bits: budgetBits.4)
    var index = headerWords
    for packet in world.flight {
      key[index] = packet
      index += 1
    }
    while index < width {
      key[index] = 0
      index += 1
    }
  }

  /// Reads a world back from `key[0..<width]` into `world`, reusing its storage.
  func decode(_ key: UnsafePointer<UInt64>, into world: inout World) {
    var reader = BitReader(key)
    world.up = 0
    world.pending = 0
    for replica in 0..<replicas {
      if reader.take(bits: 1) != 0 { world.up |= 1 << UInt64(replica) }
      world.tallies[replica] = reader.take(bits: tallyBits)
    }
    if tracksDisks {
      for replica in 0..<replicas { world.disks[replica] = reader.take(bits: tallyBits) }
    }
    for client in 0..<clients {
      world.codes[client] = reader.take(bits: codeBits)
      if reader.take(bits: 1) != 0 { world.pending |= 1 << UInt64(client) }
    }
    world.dropsUsed = Int(reader.take(bits: budgetBits.0))
    world.duplicatesUsed = Int(reader.take(bits: budgetBits.1))
    world.crashesUsed = Int(reader.take(bits: budgetBits.2))
    world.retriesUsed = Int(reader.take(bits: budgetBits.3))
    world.gossipsUsed = Int(reader.take(bits: budgetBits.4))
    world.flight.removeAll(keepingCapacity: true)
    for index in headerWords..<width where key[index] != 0 { world.flight.append(key[index]) }
  }
}

/// Appends bit fields to a run of words, low bits first.
struct BitWriter {
  private let words: UnsafeMutablePointer<UInt64>
  private var index = 0
  private var used = 0

  @inline(__always)
  init(_ words: UnsafeMutablePointer<UInt64>, words count: Int) {
    self.words = words
    for index in 0..<count { words[index] = 0 }
  }

  @inline(__always)
  mutating func put(_ value: UInt64, bits: Int) {
    guard bits > 0 else { return }
    words[index] |= value << UInt64(used)
    if used + bits >= 64 {
      let spill = used + bits - 64
      index += 1
      if spill > 0 { words[index] = value >> UInt64(bits - spill) }
      used = spill
    } else {
      used += bits
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
    return value & Codec.mask(bits)
  }
}
