import CounterSpec

/// A cluster written as 64-bit words and read back, for the explorer's packed store: a state in
/// a few dozen words instead of a dozen heap buffers. Two clusters are `==` exactly when the
/// words `pack(into:)` says are compared are equal; the words after them record the order the
/// messages in flight were sent in, which `==` ignores (the network is a multiset) but which
/// `unpack` restores, so an unpacked cluster offers its choices in the same order as the one
/// packed. `PackingTests` checks both.
///
/// Layout: cut links; broken; issued and acknowledged requests; each replica (a header word with
/// up, disk, counts of writes and timers and the timers' kinds; its disk; its writes; its memory
/// while up); each client (its progress, its timers); the messages in flight, sorted; then the
/// sending order.
extension Cluster where R: PackableReplica {
  /// Appends the cluster to `words`.
  /// - Returns: how many of the appended words `==` compares (the rest is the sending order).
  @discardableResult
  public func pack(into words: inout [UInt64]) -> Int {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: packedCapacity) { buffer in
      var writer = WordWriter(buffer)
      let compared = pack(into: &writer)
      words.append(contentsOf: writer.written)
      return compared
    }
  }

  /// The most words `pack(into:)` can write for this cluster's scenario and its current
  /// contents (a generous bound: every request in every tally, write and message).
  public var packedCapacity: Int {
    var writes = 0
    var waiting = 0
    for index in nodes.indices { writes += nodes[index].writes.count }
    for index in clientNodes.indices { waiting += clientNodes[index].timers.count }
    let set = 1 + RequestSet.maxClients
    let tally = 2 + set
    let node = 1 + tally + writes * tally + 4 * tally + 64
    return 8 + 2 * set + nodes.count * node + clientNodes.count * (2 + waiting)
      + inFlight.count * (2 + tally) + 64
  }

  /// Writes the cluster after what `words` holds.
  /// - Returns: how many of the written words `==` compares (the rest is the sending order).
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  @discardableResult
  public func pack(into words: inout WordWriter) -> Int {
    let first = words.count
    words.append(cutLinks)
    words.append(isBroken ? 1 : 0)
    checker.issued.pack(into: &words)
    checker.acknowledged.pack(into: &words)
    for index in nodes.indices { pack(node: index, into: &words) }
    for index in clientNodes.indices { pack(client: index, into: &words) }
    return packNetwork(into: &words) - first
  }

  /// Writes the cluster after what `words` holds as the explorer stores it: like
  /// `pack(into:)`, but each replica's node is written as its number in `table` (numbered if
  /// new), one word instead of its words.
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
    return packNetwork(into: &words) - first
  }

  /// `pack(into:numbering:)` for a cluster that is `parent` (packed by it, with `layout` from
  /// unpacking it) after `apply(choice)`: the replicas and clients the choice is not for are
  /// still the parent's (see `process(of:)`), so their words are copied from it instead of
  /// packed and numbered again. It changes nothing: it is `mutating` only so that the cluster
  /// is passed by address, where a call on a variable would copy all 400 bytes of it first, at
  /// every choice of a search.
  /// - Returns: how many of the written words `==` compares (the rest is the sending order).
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public mutating func pack(
    into words: inout WordWriter, parent: UnsafeBufferPointer<UInt64>, layout: PackedLayout,
    after choice: Choice, numbering table: inout NodeTable<R>
  ) -> Int {
    let first = words.count
    let (replica, client) = Self.process(of: choice)
    words.append(cutLinks)
    words.append(isBroken ? 1 : 0)
    if client >= 0 {
      checker.issued.pack(into: &words)
      checker.acknowledged.pack(into: &words)
    } else {  // only a client's step issues or acknowledges a request
      words.append(contentsOf: UnsafeBufferPointer(rebasing: parent[layout.checker]))
    }
    for index in nodes.indices {
      words.append(
        index == replica
          ? table.number(of: index, in: nodes, after: choice, from: parent[layout.nodes[index]])
          : parent[layout.nodes[index]])
    }
    for index in clientNodes.indices {
      if index == client {
        pack(client: index, into: &words)
      } else {
        words.append(contentsOf: UnsafeBufferPointer(rebasing: parent[layout.clients[index]]))
      }
    }
    return packNetwork(into: &words) - first
  }

  /// Writes node `index`: a header word (up, disk, counts of writes and timers, the timers'
  /// kinds), its disk, its writes, its memory while up. (Through a buffer pointer: reading a
  /// node of the array would copy it, and retain its arrays, first.)
  @inline(__always)
  func pack(node index: Int, into words: inout WordWriter) {
    Self.pack(node: index, of: nodes, into: &words)
  }

  /// `pack(node:into:)` for node `index` of `nodes`.
  @inline(__always)
  static func pack(node index: Int, of nodes: [Node], into words: inout WordWriter) {
    nodes.withUnsafeBufferPointer { nodes in
      let node = nodes.baseAddress! + index
      var header: UInt64 = node.pointee.isUp ? 1 : 0
      if node.pointee.disk != nil { header |= 2 }
      header |= UInt64(node.pointee.writes.count) << 8 | UInt64(node.pointee.timers.count) << 16
      precondition(node.pointee.timers.count <= 10, "more pending timers than a header holds")
      header |= node.pointee.timers.packedKinds << 24
      words.append(header)
      node.pointee.disk?.pack(into: &words)
      for write in node.pointee.writes.indices { node.pointee.writes[write].pack(into: &words) }
      if node.pointee.isUp { node.pointee.memory.pack(into: &words) }
    }
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
      case .retry(let request, let attempt): words.append(request.packed | UInt64(attempt) << 40)
      }
    }
  }

  /// Writes the network as a multiset: its packets in a canonical order, then the sending
  /// order (not compared).
  /// - Returns: where the compared words end.
  @inline(__always)
  func packNetwork(into words: inout WordWriter) -> Int {
    words.append(UInt64(inFlight.count))
    let count = inFlight.count
    let inFlight = inFlight  // the closure below would copy the whole cluster to read it
    // Each packet's header computed once: sorting compares headers, and reads two packets only
    // when their headers tie (two gossips on one link). Packets are large to copy.
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { scratch in
      let headers = scratch.baseAddress!
      let sorted = headers + count
      for index in 0..<count { headers[index] = Self.header(inFlight[index]) }
      for index in 0..<count {  // insertion sort: a handful of packets
        var position = index
        while position > 0 {
          let other = Int(sorted[position - 1])
          guard
            headers[index] < headers[other]
              || (headers[index] == headers[other]
                && Self.precedes(inFlight[index], inFlight[other]))
          else { break }
          sorted[position] = sorted[position - 1]
          position -= 1
        }
        sorted[position] = UInt64(index)
      }
      for position in 0..<count {
        let index = Int(sorted[position])
        words.append(headers[index])
        if headers[index] & 3 == 2, case .sync(let tally, _, _) = inFlight[index] {
          tally.pack(into: &words)
        }
      }
      let compared = words.count
      var order: UInt64 = 0
      for position in 0..<count {
        order |= sorted[position] << UInt64(8 * (position % 8))
        if position % 8 == 7 || position == count - 1 {
          words.append(order)
          order = 0
        }
      }
      return compared
    }
  }

  /// Becomes the cluster `pack(into:)` wrote (a cluster of the same scenario), keeping this
  /// cluster's buffers. The checker keeps no history: a violation found from here names its step
  /// from here on (the explorer replays its path to report it).
  public mutating func unpack(_ reader: inout WordReader) {
    let (issued, acknowledged) = unpackHeader(&reader)
    for index in nodes.indices { unpack(node: index, &reader) }
    for index in clientNodes.indices { unpack(client: index, &reader) }
    unpackNetwork(&reader)
    resume(issued: issued, acknowledged: acknowledged)
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
    if layout.nodes.count != nodes.count || layout.clients.count != clientNodes.count {
      layout = PackedLayout(
        nodes: Array(repeating: 0, count: nodes.count),
        clients: Array(repeating: 0..<0, count: clientNodes.count),
        loaded: Array(repeating: -1, count: nodes.count))
    }
    layout.start = reader.wordsRead
    let (issued, acknowledged) = unpackHeader(&reader)
    layout.checker = (layout.start + 2)..<reader.wordsRead
    for index in nodes.indices {
      layout.nodes[index] = reader.wordsRead
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
    unpackNetwork(&reader)
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
      nodes[replica].restore(from: table.nodes, at: Int(words[layout.nodes[replica]]))
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

  /// Reads replica `index`, keeping its buffers (through a buffer pointer: one uniqueness
  /// check of `nodes` instead of one per field).
  @inline(__always)
  private mutating func unpack(node index: Int, _ reader: inout WordReader) {
    let config = config
    nodes.withUnsafeMutableBufferPointer { nodes in
      let node = nodes.baseAddress! + index
      let header = reader.next()
      node.pointee.isUp = header & 1 != 0
      node.pointee.disk =
        header & 2 != 0 ? Tally(replicas: config.replicas, unpacking: &reader) : nil
      node.pointee.writes.clearKeepingCapacity()
      for _ in 0..<Int(header >> 8 & 0xFF) {
        node.pointee.writes.append(Tally(replicas: config.replicas, unpacking: &reader))
      }
      node.pointee.timers = PendingTimers(kinds: header >> 24, count: Int(header >> 16 & 0xFF))
      if node.pointee.isUp {
        node.pointee.memory.update(id: ReplicaID(index), config: config, unpacking: &reader)
      } else {
        node.pointee.memory = R(id: ReplicaID(index), config: config)
      }
      node.pointee.refresh()
    }
  }

  /// Reads client `index`, keeping its buffers.
  @inline(__always)
  private mutating func unpack(client index: Int, _ reader: inout WordReader) {
    let word = reader.next()
    clientNodes[index].client.number = Int(word & 0xFFFF)
    clientNodes[index].client.attempt = Int(word >> 16 & 0xFFFF)
    clientNodes[index].client.isFinished = word >> 32 & 1 != 0
    clientNodes[index].timers.clearKeepingCapacity()
    for _ in 0..<Int(word >> 40 & 0xFF) {
      let timer = reader.next()
      clientNodes[index].timers.append(
        .retry(RequestID(packed: timer & ~(0xFF << 40)), attempt: Int(timer >> 40 & 0xFF)))
    }
  }

  /// Reads the messages in flight, back in the order they were sent.
  @inline(__always)
  private mutating func unpackNetwork(_ reader: inout WordReader) {
    let count = reader.nextInt()
    inFlight.clearKeepingCapacity()
    for _ in 0..<count { inFlight.append(unpackPacket(&reader)) }
    // Back into sending order: the packet at sorted position p was sent `order[p]`-th.
    withUnsafeTemporaryAllocation(of: Packet.self, capacity: count) { sent in
      var order: UInt64 = 0
      for position in 0..<count {
        if position % 8 == 0 { order = reader.next() }
        (sent.baseAddress! + Int(order >> UInt64(8 * (position % 8)) & 0xFF))
          .initialize(to: inFlight[position])
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

  /// What `choice`, which steps one replica, does to it, as words: a tag, then the packet
  /// delivered or the timer fired. (`NodeTable` remembers the node it makes of each node.)
  static func packStep(_ choice: Choice, into words: inout WordWriter) {
    switch choice {
    case .deliver(let packet):
      words.append(0)
      pack(packet, into: &words)
    case .fire(.replica(_, let timer)): words.append(1 | UInt64(timer.kind) << 8)
    case .completeWrite: words.append(2)
    case .crash: words.append(3)
    case .restart: words.append(4)
    case .fire(.client), .drop, .duplicate, .cut, .heal:
      preconditionFailure("\(choice) steps no replica")
    }
  }

  /// Packet `packet` as words: a header word (kind, ends, request), then a gossip's tally.
  private static func pack(_ packet: Packet, into words: inout WordWriter) {
    words.append(header(packet))
    if case .sync(let tally, _, _) = packet { tally.pack(into: &words) }
  }

  private func unpackPacket(_ reader: inout WordReader) -> Packet {
    let header = reader.next()
    let a = Int(header >> 2 & 0xFF)
    let b = Int(header >> 10 & 0xFF)
    let request = RequestID(
      client: ClientID(Int(header >> 18 & 0xFF)), number: Int(header >> 26 & 0xFFFF))
    switch header & 3 {
    case 1: return .request(request, to: ReplicaID(b))
    case 2:
      return .sync(
        Tally(replicas: config.replicas, unpacking: &reader), from: ReplicaID(a), to: ReplicaID(b))
    default: return .ack(request, from: ReplicaID(a), to: ClientID(b))
    }
  }

  /// Kind in bits 0-1, sender in 2-9, receiver in 10-17, the request above (shifted `packed`).
  private static func header(_ packet: Packet) -> UInt64 {
    switch packet {
    case .request(let request, let to):
      1 | UInt64(to.index) << 10 | compact(request) << 18
    case .sync(_, let from, let to):
      2 | UInt64(from.index) << 2 | UInt64(to.index) << 10
    case .ack(let request, let from, let to):
      3 | UInt64(from.index) << 2 | UInt64(to.index) << 10 | compact(request) << 18
    }
  }

  /// A request in 24 bits: client in the low byte, number above.
  private static func compact(_ request: RequestID) -> UInt64 {
    UInt64(request.client.index) | UInt64(request.number) << 8
  }

  /// A total order on packets that agrees with `==`: by header word, then by a gossip's tally.
  private static func precedes(_ a: Packet, _ b: Packet) -> Bool {
    let (first, second) = (header(a), header(b))
    guard first == second else { return first < second }
    guard case .sync(let x, _, _) = a, case .sync(let y, _, _) = b else { return false }
    if x.low != y.low { return x.low < y.low }
    if x.high != y.high { return x.high < y.high }
    for index in 0..<RequestSet.maxClients where x.known.words[index] != y.known.words[index] {
      return x.known.words[index] < y.known.words[index]
    }
    return false
  }
}

/// Where each replica's number and each client's words are in a packed cluster, as
/// `unpack(_:layout:nodes:)` read them.
public struct PackedLayout: Sendable {
  /// Where replica `i`'s number is.
  public internal(set) var nodes: [Int] = []
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

  /// An empty layout, filled in by `Cluster.unpack(_:layout:nodes:)`.
  public init() {}

  init(nodes: [Int], clients: [Range<Int>], loaded: [Int]) {
    self.nodes = nodes
    self.clients = clients
    self.loaded = loaded
  }
}
