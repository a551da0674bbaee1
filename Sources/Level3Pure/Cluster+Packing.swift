import CounterSpec

/// A cluster written as 64-bit words and read back, for the explorer's packed store
/// (`Explorer.explorePacked`): a state in about fourteen words instead of a dozen heap buffers,
/// for any replica. Each replica's node (its replica, disk, writes and timers) and each
/// gossip's tally is named by its number in a `NodeTable`, which tells them apart by `==`, so
/// nothing here packs a replica: a replica and a message in flight are one word each. Two
/// clusters packed with one table are `==` exactly when the words `pack(into:numbering:)` says
/// are compared are equal; the words after them record the order the messages in flight were
/// sent in, which `==` ignores (the network is a multiset) but which `unpack` restores, so an
/// unpacked cluster offers its choices in the same order as the one packed. `PackingTests`
/// checks both.
///
/// Layout: cut links; broken; issued and acknowledged requests; each replica's node number;
/// each client (its progress, its timers); the messages in flight, sorted by word; then the
/// sending order, a byte per message.
extension Cluster {
  /// Writes the cluster after what `words` holds as the explorer stores it, each replica's
  /// node and each gossip's tally as its number in `table` (numbered if new).
  /// - Returns: how many of the written words `==` compares (the rest is the sending order).
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public func pack(into words: inout WordWriter, numbering table: inout NodeTable<R>) -> Int {
    let first = words.count
    words.append(cutLinks)
    words.append(isBroken ? 1 : 0)
    checker.issued.pack(into: &words)
    checker.acknowledged.pack(into: &words)
    for index in nodes.indices { words.append(table.number(of: index, in: nodes)) }
    for index in clientNodes.indices { pack(client: index, into: &words) }
    return packNetwork(into: &words, numbering: &table) - first
  }

  /// `pack(into:numbering:)` for a cluster that is `parent` (packed by it, with `layout` from
  /// unpacking it) after `apply(choice)`: the replicas and clients the choice is not for are
  /// still the parent's (see `process(of:)`), so their words are copied from it instead of
  /// packed and numbered again. What the step did is looked up in `memo`, or recorded there if
  /// it is new (for a client's step, with the issued and acknowledged requests and the client's
  /// words after): a node stepped before is not packed again (debug builds check that it would
  /// pack to the same node). It changes nothing: it is `mutating`
  /// only so that the cluster is passed by address, where a call on a variable would copy all
  /// 400 bytes of it first, at every choice of a search.
  /// - Returns: how many of the written words `==` compares (the rest is the sending order).
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  package mutating func pack(
    into words: inout WordWriter, parent: UnsafeBufferPointer<UInt64>, layout: PackedLayout,
    after choice: Choice, numbering table: inout NodeTable<R>, memo: inout StepMemo
  ) -> Int {
    let first = words.count
    let (replica, client) = Self.process(of: choice)
    var stepped: UInt64 = 0  // the replica's node after, if it stepped
    var learnsClient = false  // a client's step met for the first time
    // What the step added to the network: the messages after the parent's, less the one taken.
    let sent = inFlight[(layout.inFlight.count - (Self.removesPacket(choice) ? 1 : 0))...]
    let packet: UInt64  // the word of the packet the choice names (in the parent), if any
    switch choice {
    case .deliver(let named), .drop(let named), .duplicate(let named):
      packet = table.word(of: named)
    case .fire, .completeWrite, .crash, .restart, .cut, .heal: packet = 0
    }
    if client >= 0 {
      learnsClient =
        memo.index(
          choice, client: client, checker: UnsafeBufferPointer(rebasing: parent[layout.checker]),
          words: UnsafeBufferPointer(rebasing: parent[layout.clients[client]]), packet: packet
        ).isNew
    } else if Self.isRemembered(choice) {
      let (outcome, isNew) = memo.index(
        choice, on: replica >= 0 ? parent[layout.node(replica)] : StepMemo.noNode,
        packet: packet)
      if replica >= 0 {
        stepped = isNew ? table.number(of: replica, in: nodes) : memo.node(after: outcome)!
        #if DEBUG
          precondition(
            table.number(of: replica, in: nodes) == stepped,
            "\(choice) stepped r\(replica) otherwise")
        #endif
      }
      if isNew {
        table.withWords(of: sent) { memo.learn(node: replica >= 0 ? stepped : nil, sent: $0) }
      }
    }
    words.append(cutLinks)
    words.append(isBroken ? 1 : 0)
    let checkerStart = words.count
    if client >= 0 {
      checker.issued.pack(into: &words)
      checker.acknowledged.pack(into: &words)
    } else {  // only a client's step issues or acknowledges a request
      words.append(contentsOf: UnsafeBufferPointer(rebasing: parent[layout.checker]))
    }
    let checkerEnd = words.count
    for index in nodes.indices {
      words.append(index == replica ? stepped : parent[layout.node(index)])
    }
    var clientWords = 0..<0
    for index in clientNodes.indices {
      if index == client {
        let start = words.count
        pack(client: index, into: &words)
        clientWords = start..<words.count
      } else {
        words.append(contentsOf: UnsafeBufferPointer(rebasing: parent[layout.clients[index]]))
      }
    }
    let compared = packNetwork(into: &words, numbering: &table) - first
    if learnsClient {
      let written = UnsafeBufferPointer(words.written)
      table.withWords(of: sent) {
        memo.learn(
          node: nil, sent: $0,
          checker: UnsafeBufferPointer(rebasing: written[checkerStart..<checkerEnd]),
          client: UnsafeBufferPointer(rebasing: written[clientWords]))
      }
    }
    return compared
  }

  /// Writes client `index`: its progress and timer count in a word, then its timers.
  @inline(__always)
  func pack(client index: Int, into words: inout WordWriter) {
    let client = clientNodes[index].client
    words.append(
      UInt64(client.number) | UInt64(client.attempt) << 16 | (client.isFinished ? 1 << 32 : 0)
        | UInt64(clientNodes[index].timers.count) << 40)
    for timer in clientNodes[index].timers.indices {
      switch clientNodes[index].timers[timer] {
      case .retry(let request, let attempt):
        words.append(PackedClient.timerWord(request, attempt: attempt))
      }
    }
  }

  /// Writes the network as a multiset: its packets in a canonical order, each one word
  /// (`NodeTable.word(of:)`, so the words alone order them), then the sending order (not
  /// compared).
  /// - Returns: where the compared words end.
  @inline(__always)
  func packNetwork(into words: inout WordWriter, numbering table: inout NodeTable<R>) -> Int {
    words.append(UInt64(inFlight.count))
    let count = inFlight.count
    let inFlight = inFlight  // the closure below would copy the whole cluster to read it
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { scratch in
      let packed = scratch.baseAddress!
      let sorted = packed + count
      for index in 0..<count { packed[index] = table.word(of: inFlight[index]) }
      Self.sortPackets(packed, count: count, into: sorted)
      for position in 0..<count { words.append(packed[Int(sorted[position])]) }
      let compared = words.count
      let order = SendingOrder(words.extend(by: (count + 7) / 8), count: count)
      for position in 0..<count { order[position] = Int(sorted[position]) }
      return compared
    }
  }

  /// Writes into `sorted` the indices of `count` packets in the order they are packed: by
  /// their words `keys`, equal words in sending order. An insertion sort: a network holds a
  /// handful of packets.
  @inline(__always)
  private static func sortPackets(
    _ keys: UnsafePointer<UInt64>, count: Int, into sorted: UnsafeMutablePointer<UInt64>
  ) {
    for index in 0..<count {
      var position = index
      while position > 0, keys[index] < keys[Int(sorted[position - 1])] {
        sorted[position] = sorted[position - 1]
        position -= 1
      }
      sorted[position] = UInt64(index)
    }
  }

  /// Becomes the cluster `pack(into:numbering:)` wrote, its replicas copied from `table` (unless
  /// `layout` says this cluster holds that node already), for a search that expands it (it was
  /// found unbroken, see below), and notes in `layout` where each part of the cluster is in the
  /// reader's words (for `pack(into:parent:layout:after:numbering:)` and
  /// `revert(_:to:layout:nodes:)`).
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public mutating func unpack(
    _ reader: inout WordReader, layout: inout PackedLayout, nodes table: NodeTable<R>
  ) {
    if layout.replicas != nodes.count || layout.clients.count != clientNodes.count {
      layout = PackedLayout(replicas: nodes.count, clients: clientNodes.count)
    }
    layout.start = reader.wordsRead
    let (issued, acknowledged) = unpackHeader(&reader)
    layout.checker = (layout.start + 2)..<reader.wordsRead
    for index in nodes.indices {
      let number = reader.nextInt()
      // Consecutive states often share a replica: one this cluster holds already stays.
      guard layout.loaded[index] != number else { continue }
      nodes[index].restore(from: table.nodes, at: number)
      layout.loaded[index] = number
    }
    for index in clientNodes.indices {
      let start = reader.wordsRead
      unpack(client: index, &reader)
      layout.clients[index] = start..<reader.wordsRead
    }
    unpackNetwork(&reader, layout: &layout, tallies: table.tallies)
    layout.inFlight.clearKeepingCapacity()
    layout.inFlight.append(contentsOf: inFlight)
    resume(issued: issued, acknowledged: acknowledged)
    // A search expands only states it found unbroken, and `apply` checked *no lost acknowledged
    // increment* on each when it found it: the next choice need check it only if it may shrink
    // what holds the acknowledged requests (as in any run).
    holdersMayShrink = false
  }

  /// Becomes again the cluster packed in `words` (unpacked with `layout` and `table`) after
  /// `apply(choice)` changed it: reads back only what one choice can change (the replica or
  /// client it is for, the network, the links and the checker; see `process(of:)`).
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  package mutating func revert(
    _ choice: Choice, to words: [UInt64], layout: PackedLayout, nodes table: NodeTable<R>
  ) {
    #if DEBUG
      checkUntouched(by: choice, words, layout: layout, nodes: table)
    #endif
    let (replica, client) = Self.process(of: choice)
    cutLinks = words[layout.start]
    if replica >= 0 {
      nodes[replica].restore(from: table.nodes, at: Int(words[layout.node(replica)]))
      checker.resume(value: nodes[replica].value, of: replica)  // no other replica's changed
    }
    if client >= 0 {
      var reader = WordReader(words, from: layout.start + 2)
      let issued = RequestSet(unpacking: &reader)
      checker.resume(issued: issued, acknowledged: RequestSet(unpacking: &reader))
      reader = WordReader(words, from: layout.clients[client].lowerBound)
      unpack(client: client, &reader)
    } else {  // only a client's step issues or acknowledges a request
      checker.resume()
    }
    inFlight.copyKeepingCapacity(layout.inFlight)
    if isBroken { violation = nil }
    if !effects.isEmpty { effects.clearKeepingCapacity() }
    if !events.isEmpty { events.clearKeepingCapacity() }
    holdersMayShrink = false  // see `unpack(_:layout:nodes:)`
  }

  /// Reads the links and the broken flag; returns what was issued and acknowledged.
  @inline(__always)
  private mutating func unpackHeader(_ reader: inout WordReader) -> (RequestSet, RequestSet) {
    cutLinks = reader.next()
    precondition(reader.next() == 0, "a broken cluster is never expanded, so never unpacked")
    let issued = RequestSet(unpacking: &reader)
    return (issued, RequestSet(unpacking: &reader))
  }

  /// Reads client `index`, keeping its buffers.
  @inline(__always)
  private mutating func unpack(client index: Int, _ reader: inout WordReader) {
    let word = reader.next()
    clientNodes[index].client.number = Int(word & 0xFFFF)
    clientNodes[index].client.attempt = Int(word >> 16 & 0xFFFF)
    clientNodes[index].client.isFinished = PackedClient.isFinished(word)
    clientNodes[index].timers.clearKeepingCapacity()
    for _ in 0..<PackedClient.timerCount(word) {
      let timer = reader.next()
      clientNodes[index].timers.append(
        .retry(RequestID(packed: timer & ~(0xFF << 40)), attempt: Int(timer >> 40 & 0xFF)))
    }
  }

  /// Reads the messages in flight, back in the order they were sent, and notes in `layout`
  /// where the network starts, how many packets it has and the order they were sent in. A
  /// gossip's tally is `tallies[n]`, `n` in its word (`NodeTable.word(of:)`).
  @inline(__always)
  private mutating func unpackNetwork(
    _ reader: inout WordReader, layout: inout PackedLayout, tallies: [Tally]
  ) {
    layout.network = reader.wordsRead
    let count = reader.nextInt()
    layout.packetCount = count
    inFlight.clearKeepingCapacity()
    for _ in 0..<count {
      let header = reader.next()
      let tally =
        PackedPacket.kind(header) == .sync ? tallies[Int(header >> PackedPacket.tallyShift)] : nil
      inFlight.append(Self.packet(header, tally: tally))
    }
    layout.readSendingOrder(count: count) { reader.next() }
    // Back into sending order: the packet at sorted position p was sent `sending[p]`-th.
    withUnsafeTemporaryAllocation(of: Packet.self, capacity: count) { sent in
      for position in 0..<count {
        (sent.baseAddress! + layout.sending[position]).initialize(to: inFlight[position])
      }
      for index in 0..<count { inFlight[index] = (sent.baseAddress! + index).move() }
    }
  }

  /// Restarts the checker from what was issued and acknowledged and the replicas' values, and
  /// empties what the last apply recorded.
  @inline(__always)
  private mutating func resume(issued: RequestSet, acknowledged: RequestSet) {
    checker.resume(issued: issued, acknowledged: acknowledged)
    for index in nodes.indices { checker.resume(value: nodes[index].value, of: index) }
    if isBroken { violation = nil }
    if !effects.isEmpty { effects.clearKeepingCapacity() }
    if !events.isEmpty { events.clearKeepingCapacity() }
    holdersMayShrink = true  // check again at the next choice: nothing is known of the last one
  }

  /// The packet whose header word is `header` (`Packet.packedHeader`); a gossip's is `tally`.
  private static func packet(_ header: UInt64, tally: Tally?) -> Packet {
    let a = PackedPacket.sender(header)
    let b = PackedPacket.receiver(header)
    let request = RequestID(
      client: ClientID(Int(header >> 18 & 0xFF)), number: Int(header >> 26 & 0xFFFF))
    switch PackedPacket.kind(header) {
    case .request: return .request(request, to: ReplicaID(b))
    case .sync: return .sync(tally!, from: ReplicaID(a), to: ReplicaID(b))
    case .ack: return .ack(request, from: ReplicaID(a), to: ClientID(b))
    }
  }

  /// Whether the explorer's step memo keeps what `choice` did (`StepMemo`): a replica's step,
  /// a drop and a duplicate depend on nothing but the node stepped and the packet named; a
  /// client's step on the client and what was issued and acknowledged. (Cutting and healing
  /// change links, which the explorer never does.)
  package static func isRemembered(_ choice: Choice) -> Bool {
    switch choice {
    case .cut, .heal: false
    case .deliver, .drop, .duplicate, .fire, .completeWrite, .crash, .restart: true
    }
  }
}

extension Packet {
  /// Kind in bits 0-1, sender in 2-9, receiver in 10-17, the request above (24 bits: client
  /// in the low byte, number above).
  var packedHeader: UInt64 {
    func compact(_ request: RequestID) -> UInt64 {
      UInt64(request.client.index) | UInt64(request.number) << 8
    }
    return switch self {
    case .request(let request, let to):
      1 | UInt64(to.index) << 10 | compact(request) << 18
    case .sync(_, let from, let to):
      2 | UInt64(from.index) << 2 | UInt64(to.index) << 10
    case .ack(let request, let from, let to):
      3 | UInt64(from.index) << 2 | UInt64(to.index) << 10 | compact(request) << 18
    }
  }
}

extension Choice {
  /// What a choice does, for the explorer's step memo (`StepMemo`), without its packet or timer.
  package enum Step: UInt64 {
    case deliver, fireReplica, completeWrite, crash, restart, drop, duplicate, fireClient

    /// The word `packStep(into:packet:)` starts with (for a replica's timer, its kind goes above).
    package var tag: UInt64 { rawValue }
  }

  /// What the choice does, as words, for the explorer's step memo (`StepMemo`): a tag, then
  /// the word of the packet it names (`packet`, `NodeTable.word(of:)`) or the client timer it
  /// fires (a replica's timer is in the tag).
  func packStep(into words: inout WordWriter, packet: UInt64) {
    words.append(stepTag)
    switch self {
    case .deliver, .drop, .duplicate: words.append(packet)
    case .fire(.client(_, .retry(let request, let attempt))):
      words.append(PackedClient.timerWord(request, attempt: attempt))
    case .fire(.replica), .completeWrite, .crash, .restart, .cut, .heal: break
    }
  }

  /// The first word of `packStep`: what happens, without the packet.
  var stepTag: UInt64 {
    switch self {
    case .deliver: Step.deliver.tag
    case .fire(.replica(_, let timer)): Step.fireReplica.tag | UInt64(timer.kind) << 8
    case .fire(.client): Step.fireClient.tag
    case .completeWrite: Step.completeWrite.tag
    case .crash: Step.crash.tag
    case .restart: Step.restart.tag
    case .drop: Step.drop.tag
    case .duplicate: Step.duplicate.tag
    case .cut, .heal: preconditionFailure("the step memo keeps no \(self)")
    }
  }
}

/// The sending order that ends a packed network, written in place: the words that hold it are
/// zeroed, then byte `p` is the place in sending order of the packet packed `p`-th (eight
/// places to a word, the first in the low byte, on a little-endian machine;
/// `PackedLayout.readSendingOrder` reads them).
struct SendingOrder {
  private let bytes: UnsafeMutableRawPointer

  /// The order of `count` packets, in the words at `words` (zeroed here).
  @inline(__always)
  init(_ words: UnsafeMutablePointer<UInt64>, count: Int) {
    for word in 0..<((count + 7) / 8) { words[word] = 0 }
    bytes = UnsafeMutableRawPointer(words)
  }

  /// The place of the packet packed `position`-th (under 256).
  @inline(__always)
  subscript(position: Int) -> Int {
    get { Int(bytes.load(fromByteOffset: position, as: UInt8.self)) }
    nonmutating set {
      bytes.storeBytes(
        of: UInt8(truncatingIfNeeded: newValue), toByteOffset: position, as: UInt8.self)
    }
  }
}

#if !_endian(little)
  #error("the packed sending order assumes a little-endian machine")
#endif

/// Where each replica's number and each client's words are in a packed cluster, as
/// `unpack(_:layout:nodes:)` read them.
public struct PackedLayout: Sendable {
  /// How many replicas the cluster has; their numbers follow what was issued and acknowledged,
  /// one word each (`node(_:)`).
  public internal(set) var replicas = 0
  /// Client `i`'s words.
  public internal(set) var clients: [Range<Int>] = []
  /// Where the cluster's words start.
  public internal(set) var start = 0
  /// Where what was issued and acknowledged is.
  public internal(set) var checker = 0..<0
  /// The messages in flight, in sending order (read back once, copied back after each choice).
  var inFlight: [Packet] = []
  /// The number of the node each replica of the cluster unpacked with this layout holds (-1:
  /// unknown), so that the next unpack skips the replicas that stay the same. `revert` keeps it
  /// true: it gives the stepped replica back its node. A layout goes with one cluster.
  var loaded: [Int] = []

  /// Where the network starts (its count of packets), and how many packets it has. In the
  /// explorer's form each packet is one word: the one packed `p`-th is at `network + 1 + p`.
  var network = 0
  var packetCount = 0
  /// For the packet packed `p`-th, its place in sending order; and the reverse (at least as
  /// many entries as packets).
  var sending: [Int] = []
  var positions: [Int] = []

  /// An empty layout, filled in by `Cluster.unpack(_:layout:nodes:)`.
  public init() {}

  /// Where replica `replica`'s number is.
  @inline(__always)
  public func node(_ replica: Int) -> Int { checker.upperBound + replica }

  /// Where the packet packed `position`-th is, in the explorer's form.
  @inline(__always)
  package func packet(_ position: Int) -> Int { network + 1 + position }

  /// The word of the packet sent `index`-th in `parent` (the words this layout was read from),
  /// in the explorer's form.
  @inline(__always)
  package func word(ofPacket index: Int, in parent: UnsafeBufferPointer<UInt64>) -> UInt64 {
    parent[packet(positions[index])]
  }

  /// Writes the network of the successor that `Cluster.pack(into:parent:layout:after:numbering:`
  /// `memo:)` would for a choice whose outcome `StepMemo` remembers, without the cluster: the
  /// network of `parent` (the words this layout was read from) less the packet sent
  /// `removing`-th (if not -1), plus the packets `added` (their words, in sending order) sent
  /// after the others: the two sorted runs merged, a kept packet before an equal added one (it
  /// was sent earlier). The words before the network are the caller's to write; when nothing is
  /// added, `PackedChoices.writeNetwork(removing:into:)` is cheaper.
  /// - Returns: how many words `words` holds after the compared ones.
  package func writeNetwork(
    of parent: UnsafeBufferPointer<UInt64>, removing: Int,
    adding added: UnsafeBufferPointer<UInt64>, into words: inout WordWriter
  ) -> Int {
    let removed = removing >= 0 ? positions[removing] : -1
    let count = added.count
    let kept = packetCount - (removed >= 0 ? 1 : 0)
    let total = kept + count
    let orderWords = (total + 7) / 8
    // Written in place: the count, the packets, then the sending order a byte per packet.
    let target = words.extend(by: 1 + total + orderWords)
    target[0] = UInt64(total)
    let packets = target + 1
    let order = SendingOrder(packets + total, count: total)
    let source = parent.baseAddress! + packet(0)
    let new = added.baseAddress!
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { sorted in
      for index in 0..<count {  // the added packets by word (equal words: as sent)
        var slot = index
        while slot > 0, new[sorted[slot &- 1]] > new[index] {
          sorted[slot] = sorted[slot &- 1]
          slot &-= 1
        }
        sorted[slot] = index
      }
      var written = 0
      var next = 0  // the next added packet, in `sorted`
      for position in 0..<packetCount where position != removed {
        let word = source[position]
        while next < count, new[sorted[next]] < word {
          packets[written] = new[sorted[next]]
          order[written] = kept &+ sorted[next]
          written &+= 1
          next &+= 1
        }
        packets[written] = word
        let index = sending[position]
        order[written] = removing >= 0 && index > removing ? index &- 1 : index
        written &+= 1
      }
      while next < count {
        packets[written] = new[sorted[next]]
        order[written] = kept &+ sorted[next]
        written &+= 1
        next &+= 1
      }
      return words.count - orderWords
    }
  }

  /// Where the words before the network are: from the cluster's start to its network.
  package var head: Range<Int> { start..<network }

  /// Writes the words of `parent` in `head` (a layout's `head`: from the cluster's start to its
  /// network), with the words in `first` replaced by `firstWords` and those in `second` by
  /// `secondWords` (`first` ends before `second` starts; an empty range replaces nothing).
  /// Static, so that a caller holding the layout in a closure need not copy it.
  @inline(__always)
  package static func writeHead(
    of parent: UnsafeBufferPointer<UInt64>, _ head: Range<Int>, replacing first: Range<Int>,
    with firstWords: UnsafeBufferPointer<UInt64>, _ second: Range<Int>,
    with secondWords: UnsafeBufferPointer<UInt64>, into words: inout WordWriter
  ) {
    if firstWords.count == first.count, secondWords.count == second.count {
      // The same lengths (the common case): the head in one copy, then the two replaced.
      let target = words.extend(by: head.count)
      target.update(from: parent.baseAddress! + head.lowerBound, count: head.count)
      for (offset, word) in zip(first, firstWords) { target[offset - head.lowerBound] = word }
      for (offset, word) in zip(second, secondWords) { target[offset - head.lowerBound] = word }
      return
    }
    let a = first.isEmpty ? head.upperBound : first.lowerBound
    words.append(contentsOf: UnsafeBufferPointer(rebasing: parent[head.lowerBound..<a]))
    guard !first.isEmpty else { return }
    words.append(contentsOf: firstWords)
    let b = second.isEmpty ? head.upperBound : second.lowerBound
    words.append(contentsOf: UnsafeBufferPointer(rebasing: parent[first.upperBound..<b]))
    guard !second.isEmpty else { return }
    words.append(contentsOf: secondWords)
    words.append(
      contentsOf: UnsafeBufferPointer(rebasing: parent[second.upperBound..<head.upperBound]))
  }

  /// A layout of a cluster of `replicas` replicas and `clients` clients, nothing read yet.
  init(replicas: Int, clients: Int) {
    self.replicas = replicas
    self.clients = Array(repeating: 0..<0, count: clients)
    loaded = Array(repeating: -1, count: replicas)
  }
}
