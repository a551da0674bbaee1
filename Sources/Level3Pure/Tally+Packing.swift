import CounterSpec

extension Tally {
  /// Appends the tally: its slots (one word, two above four replicas), then its known requests
  /// (the words the explorer's `NodeTable` numbers a gossip's tally by).
  public func pack(into words: inout WordWriter) {
    words.append(low)
    if replicas > 4 { words.append(high) }
    known.pack(into: &words)
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
