import CounterSpec

/// A replica whose state can be written as a few 64-bit words and read back: what the
/// explorer's packed store (`Explorer.explorePacked`) needs to keep millions of states flat.
///
/// Optional: every tool runs any `CounterReplica`; packing only makes the explorer faster. The
/// rule a conforming type must keep: two replicas are `==` exactly when they pack to the same
/// words, and unpacking gives back a replica equal to the one packed. `PackingTests` checks both
/// for the catalogue's replicas.
public protocol PackableReplica: CounterReplica {
  /// Appends this replica's state (everything `==` compares) to `words`.
  func pack(into words: inout WordWriter)
  /// Replica `id` of a cluster with `config`, read back from what `pack(into:)` wrote.
  init(id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader)
  /// Becomes replica `id` read back from `words`, keeping this replica's buffers where it has
  /// any (the explorer reads a replica back at every state). The default makes a new one.
  mutating func update(id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader)
}

extension PackableReplica {
  /// Becomes `Self(id:config:unpacking:)`.
  public mutating func update(
    id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader
  ) {
    self = Self(id: id, config: config, unpacking: &words)
  }
}

extension Tally {
  /// Appends the tally: its slots (one word, two above four replicas), then its known requests.
  /// The number of replicas is not written: the reader knows it from the cluster.
  public func pack(into words: inout WordWriter) {
    words.append(low)
    if replicas > 4 { words.append(high) }
    known.pack(into: &words)
  }

  /// A tally of `replicas` slots, read back from what `pack(into:)` wrote.
  public init(replicas: Int, unpacking reader: inout WordReader) {
    self.init(replicas: replicas)
    low = reader.next()
    if replicas > 4 { high = reader.next() }
    known = RequestSet(unpacking: &reader)
  }
}

extension RequestID {
  /// The request in one word: client in the top byte, number below.
  var packed: UInt64 { UInt64(client.index) << 56 | UInt64(number) }

  /// The request `packed` names.
  init(packed word: UInt64) {
    self.init(client: ClientID(Int(word >> 56)), number: Int(word & 0xFFFF_FFFF))
  }
}

extension FlawedReplica: PackableReplica {
  /// Appends the tally.
  public func pack(into words: inout WordWriter) { tally.pack(into: &words) }

  /// A flawed replica read back from its tally.
  public init(id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader) {
    self.init(
      id: id, config: config,
      restoring: Tally(replicas: config.replicas, unpacking: &words))
  }
}

extension FixedReplica: PackableReplica {
  /// Appends the tally, the durable requests and the waiting acknowledgements.
  public func pack(into words: inout WordWriter) {
    tally.pack(into: &words)
    durable.pack(into: &words)
    words.append(UInt64(awaiting.count))
    for pending in awaiting {
      words.append(pending.request.packed | UInt64(pending.client.index) << 48)
    }
  }

  /// A fixed replica read back from what `pack(into:)` wrote.
  public init(id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader) {
    self.init(id: id, config: config, restoring: nil)
    update(id: id, config: config, unpacking: &words)
  }

  /// Becomes the fixed replica `id` read back from `words`, keeping the buffer of `awaiting`.
  public mutating func update(
    id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader
  ) {
    precondition(id == self.id && config == self.config, "update replica \(self.id) only")
    tally = Tally(replicas: config.replicas, unpacking: &words)
    durable = RequestSet(unpacking: &words)
    awaiting.clearKeepingCapacity()
    for _ in 0..<words.nextInt() {
      let word = words.next()
      awaiting.append(
        PendingAck(
          request: RequestID(packed: word & ~(0xFF << 48)),
          client: ClientID(Int(word >> 48 & 0xFF))))
    }
  }
}

extension FixedVariant where Self: PackableReplica {
  /// Appends the fixed replica inside (a variant with more state packs it itself).
  public func pack(into words: inout WordWriter) { base.pack(into: &words) }

  /// The variant around a fixed replica read back from `words`.
  public init(id: ReplicaID, config: ReplicaConfig, unpacking words: inout WordReader) {
    self.init(base: FixedReplica(id: id, config: config, unpacking: &words))
  }
}

extension AckBeforeWrite: PackableReplica {}
extension GossipOnce: PackableReplica {}
extension MergeReplaces: PackableReplica {}
extension RestartForgets: PackableReplica {}
