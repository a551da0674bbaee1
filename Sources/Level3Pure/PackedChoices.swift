import CounterSpec

/// A state of the explorer's packed store, read where it lies: the rule of enabled choices
/// (`ChoiceSource.forEachEnabledChoice`) read off its words and the facts its `NodeTable` keeps
/// of each replica's node, without unpacking it into a `Cluster`. The explorer lists a state's
/// choices this way and unpacks the state only to apply a choice its step memo has not met.
/// Debug builds of the explorer check it against the unpacked cluster's `enabledChoices()` at
/// every state.
package struct PackedChoices: ChoiceSource {
  /// The state's words, and where its parts are (`PackedLayout.read`).
  package private(set) var parent = UnsafeBufferPointer<UInt64>(start: nil, count: 0)
  package var layout = PackedLayout()
  /// What the `NodeTable` knows of each node, by number.
  package private(set) var facts: [NodeFacts] = []
  /// How many replicas the cluster has.
  private(set) var replicas = 0

  /// No state yet: `read` one.
  package init() {}

  /// Becomes the choices of the state packed in `parent` from `start` (a cluster of `replicas`
  /// replicas and `clients` clients), with the facts of the `NodeTable` it was packed with.
  /// The explorer keeps one and reads each state into it, so that nothing is copied per state.
  package mutating func read(
    _ parent: UnsafeBufferPointer<UInt64>, from start: Int, replicas: Int, clients: Int,
    facts: [NodeFacts]
  ) {
    self.parent = parent
    layout.read(parent, from: start, replicas: replicas, clients: clients)
    self.facts = facts
    self.replicas = replicas
  }

  /// The choices of this state, in `forEachEnabledChoice`'s order.
  package var enabledChoices: [EnabledChoice] {
    var enabled: [EnabledChoice] = []
    forEachEnabledChoice { enabled.append($0) }
    return enabled
  }

  /// Writes into `buffer` the choices among `enabledChoices` whose kind `affordable` allows
  /// (bit `kind.rawValue` set), and into `positions` their positions in `enabledChoices` (a
  /// store per choice, where appending to an array checks its uniqueness and capacity each
  /// time); returns how many were written.
  package func enabledChoices(
    into buffer: UnsafeMutableBufferPointer<EnabledChoice>, affordable: UInt16,
    positions: UnsafeMutableBufferPointer<Int>
  ) -> Int {
    var count = 0
    var position = 0
    forEachEnabledChoice { enabled in
      defer { position += 1 }
      guard affordable & 1 &<< UInt16(enabled.kind.rawValue) != 0 else { return }
      precondition(count < buffer.count, "more enabled choices than the buffer holds")
      buffer.initializeElement(at: count, to: enabled)
      positions.initializeElement(at: count, to: position)
      count += 1
    }
    return count
  }

  /// The number of replica `replica`'s node, where `facts` has what the table knows of it.
  /// (Its fields are read one by one: a `NodeFacts` is large to copy.)
  @inline(__always)
  package func node(_ replica: Int) -> Int { Int(parent[layout.node(replica)]) }

  /// The word of the packet sent `packet`-th (its header, and a gossip's tally number).
  @inline(__always)
  package func header(ofPacket packet: Int) -> UInt64 {
    layout.word(ofPacket: packet, in: parent)
  }

  /// How many messages are in flight.
  package var packetCount: Int { Int(parent[layout.network]) }

  /// Whether no packet sent before `packet` is equal to it: equal packets are equal words,
  /// packed next to each other, so only the neighbours in packed order are compared.
  @inline(__always)
  package func isFirstCopy(_ packet: Int) -> Bool {
    let position = layout.positions[packet]
    let word = parent[layout.packet(position)]
    var other = position - 1
    while other >= 0, parent[layout.packet(other)] == word {
      if layout.sending[other] < packet { return false }
      other -= 1
    }
    other = position + 1
    while other < packetCount, parent[layout.packet(other)] == word {
      if layout.sending[other] < packet { return false }
      other += 1
    }
    return true
  }

  /// Whether `packet` is neither a gossip on a cut link nor a request its replica holds back.
  @inline(__always)
  package func isDeliverable(_ packet: Int) -> Bool {
    let header = header(ofPacket: packet)
    switch PackedPacket.kind(header) {
    case .request: return !facts[node(PackedPacket.receiver(header))].holdsBackRequests
    case .sync:
      let bit = linkBit(
        PackedPacket.sender(header), PackedPacket.receiver(header), replicas: replicas)
      return parent[layout.start] & bit == 0
    case .ack: return true
    }
  }

  /// How many replicas there are.
  package var replicaCount: Int { replicas }
  /// How many clients there are.
  package var clientCount: Int { layout.clients.count }
  /// How many timers replica `replica` has pending.
  package func timerCount(ofReplica replica: Int) -> Int { facts[node(replica)].timers.count }
  /// How many timers client `client` has pending.
  package func timerCount(ofClient client: Int) -> Int {
    PackedClient.timerCount(parent[layout.clients[client].lowerBound])
  }
  /// Whether client `client` finished its increments.
  package func isFinished(_ client: Int) -> Bool {
    PackedClient.isFinished(parent[layout.clients[client].lowerBound])
  }
  /// Whether replica `replica` has a write in flight.
  package func isWriting(_ replica: Int) -> Bool { facts[node(replica)].isWriting }
  /// Whether replica `replica` is running.
  package func isUp(_ replica: Int) -> Bool { facts[node(replica)].isUp }

  // MARK: - What a choice is, for the step memo

  /// What the step memo needs of `enabled`, read in one pass: the replica and the client it
  /// steps (-1: none; as `Cluster.process(of:)`), the packet it takes out of the network (its
  /// place in sending order, -1: none; as `Cluster.removesPacket(_:)`), and the words
  /// `Choice.packStep(into:packet:)` writes: the tag, then the packet's word or a client
  /// timer's word (0: none; a packet's word is never 0).
  @inline(__always)
  package func describe(_ enabled: EnabledChoice) -> StepKey {
    let subject = enabled.subject
    switch enabled.kind {
    case .deliver:
      let word = header(ofPacket: subject)
      let receiver = PackedPacket.receiver(word)
      return PackedPacket.kind(word) == .ack
        ? StepKey(
          replica: -1, client: receiver, removing: subject, tag: Choice.Step.deliver.tag, word: word
        )
        : StepKey(
          replica: receiver, client: -1, removing: subject, tag: Choice.Step.deliver.tag, word: word
        )
    case .drop:
      return StepKey(
        replica: -1, client: -1, removing: subject, tag: Choice.Step.drop.tag,
        word: header(ofPacket: subject))
    case .duplicate:
      return StepKey(
        replica: -1, client: -1, removing: -1, tag: Choice.Step.duplicate.tag,
        word: header(ofPacket: subject))
    case .fireReplica:
      let kind = facts[node(subject)].timers[enabled.timer].kind
      return StepKey(
        replica: subject, client: -1, removing: -1,
        tag: Choice.Step.fireReplica.tag | UInt64(kind) << 8, word: 0)
    case .completeWrite:
      return StepKey(
        replica: subject, client: -1, removing: -1, tag: Choice.Step.completeWrite.tag, word: 0)
    case .crash:
      return StepKey(
        replica: subject, client: -1, removing: -1, tag: Choice.Step.crash.tag, word: 0)
    case .restart:
      return StepKey(
        replica: subject, client: -1, removing: -1, tag: Choice.Step.restart.tag, word: 0)
    case .fireClient:
      return StepKey(
        replica: -1, client: subject, removing: -1, tag: Choice.Step.fireClient.tag,
        word: parent[layout.clients[subject].lowerBound + 1 + enabled.timer])
    }
  }
}

/// What `PackedChoices.describe(_:)` reads of a choice for the step memo.
package struct StepKey {
  /// The replica and the client it steps (-1: none).
  package let replica: Int
  package let client: Int
  /// The place in sending order of the packet it takes out of the network (-1: none).
  package let removing: Int
  /// What `Choice.packStep(into:packet:)` writes: the tag, then `word` unless it is 0.
  package let tag: UInt64
  package let word: UInt64
}

extension PackedLayout {
  /// Notes where each part of the cluster packed at `words[start...]` is, as
  /// `Cluster.unpack(_:layout:nodes:)` does, without unpacking it.
  package mutating func read(
    _ words: UnsafeBufferPointer<UInt64>, from start: Int, replicas: Int, clients: Int
  ) {
    if self.replicas != replicas || self.clients.count != clients {
      self = PackedLayout(replicas: replicas, clients: clients)
    }
    self.start = start
    var at = start + 2  // cut links, broken
    let issued = RequestSet.packedLength(first: words[at])
    let acknowledged = RequestSet.packedLength(first: words[at + issued])
    checker = at..<(at + issued + acknowledged)
    at = checker.upperBound + replicas  // a word per replica
    // Through a buffer pointer: one uniqueness check, not one per client.
    self.clients.withUnsafeMutableBufferPointer { ranges in
      for index in 0..<clients {
        let end = at + 1 + PackedClient.timerCount(words[at])
        ranges[index] = at..<end
        at = end
      }
    }
    network = at
    let count = Int(words[at])
    packetCount = count
    at += 1 + count  // a word per packet
    readSendingOrder(count: count) {
      defer { at += 1 }
      return words[at]
    }
  }

  /// Reads the sending order that ends a packed network of `count` packets (`SendingOrder`:
  /// a byte per packet, eight to a word, each word from `next`) into `sending` and `positions`.
  @inline(__always)
  mutating func readSendingOrder(count: Int, next: () -> UInt64) {
    if sending.count < count {
      sending = Array(repeating: 0, count: count)
      positions = Array(repeating: 0, count: count)
    }
    // Through buffer pointers: one uniqueness check per array, not one per element.
    sending.withUnsafeMutableBufferPointer { sending in
      positions.withUnsafeMutableBufferPointer { positions in
        var order: UInt64 = 0
        for position in 0..<count {
          if position % 8 == 0 { order = next() }
          let index = Int(order >> UInt64(8 * (position % 8)) & 0xFF)
          sending[position] = index
          positions[index] = position
        }
      }
    }
  }

}

/// How a packet's header word reads (`Packet.packedHeader`): kind in bits 0-1, sender in
/// 2-9, receiver in 10-17, the request above; in the explorer's form, a gossip's tally number
/// above (`NodeTable.word(of:)`).
enum PackedPacket {
  /// Where a gossip's tally number starts in its word, in the explorer's form.
  static var tallyShift: UInt64 { 18 }

  /// The three kinds, by their value in bits 0-1.
  enum Kind: UInt64 {
    case request = 1
    case sync = 2
    case ack = 3
  }

  /// The packet's kind.
  @inline(__always)
  static func kind(_ header: UInt64) -> Kind { Kind(rawValue: header & 3)! }
  /// Its sender's index (a replica's: a request's sender is in its request).
  @inline(__always)
  static func sender(_ header: UInt64) -> Int { Int(header >> 2 & 0xFF) }
  /// Its receiver's index (a replica's, or for an acknowledgement a client's).
  @inline(__always)
  static func receiver(_ header: UInt64) -> Int { Int(header >> 10 & 0xFF) }
}

/// How a packed client's first word reads (`Cluster.pack(client:into:)`): its progress, whether
/// it finished, and how many timer words follow.
package enum PackedClient {
  /// How many timer words follow.
  @inline(__always)
  package static func timerCount(_ word: UInt64) -> Int { Int(word >> 40 & 0xFF) }
  /// The word a client's retry timer packs to: the request, the attempt above.
  @inline(__always)
  static func timerWord(_ request: RequestID, attempt: Int) -> UInt64 {
    request.packed | UInt64(attempt) << 40
  }
  /// Whether the client finished its increments.
  @inline(__always)
  package static func isFinished(_ word: UInt64) -> Bool { word >> 32 & 1 != 0 }
}
