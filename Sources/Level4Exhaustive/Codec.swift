import CounterSpec
import Level3Pure

/// Packs tallies, packets and choices into 64-bit words, and back: the explorer's compact,
/// canonical vocabulary.
///
/// Equal values always pack to equal words and different values to different words, so the
/// explorer can hash and compare states as plain word arrays. A packet word keeps its kind in
/// bits 56-57, its sender in bits 52-55, its receiver in bits 48-51 and its content below; a
/// choice word keeps its kind in bits 60-63 and its argument (a packet or an index) below.
struct Codec {
  let replicas: Int
  let clients: Int
  let increments: Int
  let design: Replica.Design
  /// Bits of the known-request mask: `increments` bits per client.
  let knownBits: Int
  /// Bits of one slot: enough for every increment of every client.
  let slotBits: Int
  /// Bits of a packed tally: the known mask, then one slot per replica.
  let tallyBits: Int
  private let knownMask: UInt64
  private let slotMask: UInt64
  private let scenario: Scenario

  init(bounds: Bounds) {
    replicas = bounds.replicas
    clients = bounds.clients
    increments = bounds.increments
    design = bounds.design
    knownBits = clients * increments
    slotBits = Bounds.bitWidth(clients * increments)
    tallyBits = knownBits + replicas * slotBits
    knownMask = Self.mask(increments)
    slotMask = Self.mask(slotBits)
    scenario = bounds.scenario
  }

  static func mask(_ bits: Int) -> UInt64 { bits >= 64 ? ~0 : (1 << UInt64(bits)) - 1 }

  // MARK: - Tallies

  func pack(_ tally: Tally) -> UInt64 {
    var bits: UInt64 = 0
    for client in 0..<clients {
      bits |= (tally.known.words[client] & knownMask) << UInt64(client * increments)
    }
    for slot in 0..<replicas {
      bits |= UInt64(tally.slot(slot)) << UInt64(knownBits + slot * slotBits)
    }
    return bits
  }

  func unpack(_ bits: UInt64) -> Tally {
    var tally = Tally(replicas: replicas)
    for client in 0..<clients {
      var mask = (bits >> UInt64(client * increments)) & knownMask
      while mask != 0 {
        tally.known.insert(
          RequestID(client: ClientID(client), number: mask.trailingZeroBitCount + 1))
        mask &= mask - 1
      }
    }
    for slot in 0..<replicas {
      let count = (bits >> UInt64(knownBits + slot * slotBits)) & slotMask
      for _ in 0..<count { tally.bump(slot) }
    }
    return tally
  }

  /// The value a replica holding the packed tally reports: the same formulas as
  /// `Replica.value` (a test checks they agree), without building a `Replica`.
  func value(_ bits: UInt64) -> Int {
    switch design {
    case .perReplicaSlots:
      var sum: UInt64 = 0
      for slot in 0..<replicas { sum &+= (bits >> UInt64(knownBits + slot * slotBits)) & slotMask }
      return Int(sum)
    case .distinctRequests:
      return (bits & Self.mask(knownBits)).nonzeroBitCount
    }
  }

  func replica(_ index: Int, restoring bits: UInt64) -> Replica {
    Replica(
      id: ReplicaID(index), replicas: replicas, design: design,
      gossipInterval: .milliseconds(scenario.gossipIntervalMs), restoring: unpack(bits))
  }

  // MARK: - Packets

  static let requestKind: UInt64 = 1 << 56
  static let syncKind: UInt64 = 2 << 56
  static let ackKind: UInt64 = 3 << 56
  static let kindMask: UInt64 = 3 << 56
  static let payloadMask: UInt64 = (1 << 48) - 1

  static func request(client: Int, number: Int, to replica: Int) -> UInt64 {
    requestKind | UInt64(client) << 52 | UInt64(replica) << 48 | UInt64(number)
  }

  static func sync(_ tally: UInt64, from: Int, to: Int) -> UInt64 {
    syncKind | UInt64(from) << 52 | UInt64(to) << 48 | tally
  }

  static func ack(client: Int, number: Int, from replica: Int) -> UInt64 {
    ackKind | UInt64(replica) << 52 | UInt64(client) << 48 | UInt64(number)
  }

  /// The sender's index (a client for requests, a replica otherwise).
  @inline(__always) static func sender(_ word: UInt64) -> Int { Int((word >> 52) & 15) }
  /// The receiver's index (a replica for requests and syncs, a client for acks).
  @inline(__always) static func receiver(_ word: UInt64) -> Int { Int((word >> 48) & 15) }
  @inline(__always) static func payload(_ word: UInt64) -> UInt64 { word & payloadMask }

  func packet(_ word: UInt64) -> Packet {
    let a = Self.sender(word)
    let b = Self.receiver(word)
    let payload = Self.payload(word)
    switch word & Self.kindMask {
    case Self.requestKind:
      return .request(RequestID(client: ClientID(a), number: Int(payload)), to: ReplicaID(b))
    case Self.syncKind:
      return .sync(unpack(payload), from: ReplicaID(a), to: ReplicaID(b))
    default:
      return .ack(RequestID(client: ClientID(b), number: Int(payload)), from: ReplicaID(a))
    }
  }

  // MARK: - Choices

  static let deliverChoice: UInt64 = 1 << 60
  static let dropChoice: UInt64 = 2 << 60
  static let duplicateChoice: UInt64 = 3 << 60
  static let retryChoice: UInt64 = 4 << 60
  static let gossipChoice: UInt64 = 5 << 60
  static let crashChoice: UInt64 = 6 << 60
  static let restartChoice: UInt64 = 7 << 60

  func choice(_ word: UInt64) -> Choice {
    let argument = word & ((1 << 60) - 1)
    switch word & (15 << 60) {
    case Self.deliverChoice: return .deliver(packet(argument))
    case Self.dropChoice: return .drop(packet(argument))
    case Self.duplicateChoice: return .duplicate(packet(argument))
    case Self.retryChoice: return .fireRetry(ClientID(Int(argument)))
    case Self.gossipChoice: return .fireGossip(ReplicaID(Int(argument)))
    case Self.crashChoice: return .crash(ReplicaID(Int(argument)))
    default: return .restart(ReplicaID(Int(argument)))
    }
  }
}
