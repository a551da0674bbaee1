import CounterSpec

/// Every distinct replica node (the replica, its disk, its writes and its timers) that a search
/// has met, numbered in the order met. The explorer's packed states name each replica by its
/// number here instead of holding its words, as SPIN's COLLAPSE mode does for its processes: a
/// state space has millions of states but few distinct replicas, so a state gets smaller, and
/// reading a replica back is a copy of the node kept here. Nodes are told apart by `==` (the
/// one `explore` uses), so any replica can be numbered.
///
/// Two nodes get the same number exactly when they are the same replica's and `==`, so states
/// compare as clusters do: equal numbers, equal replicas.
public struct NodeTable<R: CounterReplica> {
  /// Each node's number, by the replica's index and the node (a replica knows its ID, but the
  /// index makes sure r0's node is never r1's). Only looked up, never iterated.
  private var numbers: [NodeKey: Int] = [:]
  /// Node `i` as it was when first numbered: what a state that names it reads back.
  private(set) var nodes: [Cluster<R>.Node] = []
  /// What the checks read of node `i`, without it (`NodeFacts`).
  package private(set) var facts: [NodeFacts] = []
  /// Each distinct gossip tally, numbered in the order met (run `i` is tally `i`'s words): a
  /// packed gossip names its tally by number, so that every message in flight is one word.
  private var tallyRuns = RunIndex()
  /// Tally `i`, as first numbered: what a packed gossip that names it reads back.
  private(set) var tallies: [Tally] = []

  /// A node of replica `index`, as a key.
  private struct NodeKey: Hashable {
    let index: Int
    let node: Cluster<R>.Node
  }

  /// An empty table.
  public init() {}

  /// How many distinct nodes were numbered.
  public var count: Int { nodes.count }

  /// The number of node `index` of a cluster's `nodes`; numbers it if it is new. (Given the
  /// nodes, not the cluster: a cluster passed by value is copied whole, 400 bytes, at each call.)
  mutating func number(of index: Int, in nodes: [Cluster<R>.Node]) -> UInt64 {
    let key = NodeKey(index: index, node: nodes[index])
    if let number = numbers[key] { return UInt64(number) }
    numbers[key] = self.nodes.count
    self.nodes.append(nodes[index])
    facts.append(NodeFacts(nodes[index]))
    return UInt64(self.nodes.count - 1)
  }

  /// The word `packet` packs to in the explorer's form: its `packedHeader`, and for a gossip
  /// its tally's number in this table above bit 17 (numbered if new). Equal packets get equal
  /// words, different packets different words, so the words order packets as the packets do.
  mutating func word(of packet: Packet) -> UInt64 {
    guard case .sync(let tally, _, _) = packet else { return packet.packedHeader }
    let (number, isNew) = tallyRuns.index { tally.pack(into: &$0) }
    if isNew { tallies.append(tally) }
    return packet.packedHeader | UInt64(number) << PackedPacket.tallyShift
  }

  /// Calls `body` with the words of `packets`, in order (`word(of:)`).
  mutating func withWords<T>(
    of packets: ArraySlice<Packet>, _ body: (UnsafeBufferPointer<UInt64>) -> T
  ) -> T {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: packets.count) { words in
      for (index, packet) in zip(words.indices, packets) { words[index] = word(of: packet) }
      return body(UnsafeBufferPointer(words))
    }
  }
}

/// What the checks and the rule of enabled choices read of a replica's node: its value, what it
/// holds of the requests (its memory's while it is up, its disk's while it is down), whether it
/// has a write in flight, whether it is up, its timers, whether requests to it wait.
package struct NodeFacts: Sendable {
  /// The value it shows (0 while down).
  package let value: Int
  /// The requests it holds for *no lost acknowledged increment*.
  package let held: RequestSet
  /// Whether a write of its is in flight.
  package let isWriting: Bool
  /// Whether it is running.
  package let isUp: Bool
  /// Its pending timers.
  package let timers: PendingTimers
  /// Whether a client request to it waits in the network (`Cluster.Node.holdsBackRequests`).
  package let holdsBackRequests: Bool

  init<R>(_ node: Cluster<R>.Node) {
    value = node.value
    held = node.isUp ? node.known : node.disk?.known ?? RequestSet()
    isWriting = !node.writes.isEmpty
    isUp = node.isUp
    timers = node.timers
    holdsBackRequests = node.holdsBackRequests
  }
}

/// What each choice met did, remembered so that a search that meets it again need not apply
/// it: a step's outcome depends only on the process it steps and what happens to it, never on
/// the rest of the cluster. Filled in by `Cluster.pack(into:parent:layout:after:numbering:memo:)`
/// as it packs, read by the explorer (`Explorer.explorePacked`), which writes a remembered
/// choice's successor from its parent's words (the checks may still need the cluster).
///
/// An outcome is what the stepped process became and the packets added to the network, in
/// sending order; whether the choice also took its packet out of the network is the choice's
/// kind (`Cluster.removesPacket(_:)`). A replica becomes a node (its number in the `NodeTable`).
/// A client's step may also issue or acknowledge a request, so its key holds what was issued
/// and acknowledged before, and its outcome the words of both after, then the client's words.
package struct StepMemo {
  /// Outcomes are numbered in the order met; each is filed under its choice's key in one of two
  /// indexes. A step that is not a client's has a key of three words: the number of the
  /// replica's node (`noNode` for a drop or a duplicate), then `Choice.packStep(into:packet:)`
  /// (the tag, and the packet's word or 0). It is filed in `steps`, an open-addressing table of
  /// four-word entries (the key, then the outcome's number plus one; 0: empty), at most half
  /// full, so that one probe reads one entry.
  private var steps: [UInt64] = Array(repeating: 0, count: 4 << 8)
  private var stepCount = 0
  /// Client `c`'s step has a key of a few words: `clientKey(c)`, the issued and acknowledged
  /// requests, the client's words, then `Choice.packStep(into:packet:)`. Run `i` of `clientKeys`
  /// is the key of outcome `clientOutcomes[i]`.
  private var clientKeys = RunIndex()
  private var clientOutcomes: [Int] = []
  /// How many outcomes were numbered.
  private var outcomes = 0
  /// Outcome `i`'s node after (`UInt32.max` for none).
  private var nodes: [UInt32] = []
  /// Outcome `i`'s packets added are `sentWords[ends[i]..<ends[i + 1]]`, in sending order, each
  /// the word it packs to (`NodeTable.word(of:)`).
  private var ends: [Int] = [0]
  package private(set) var sentWords: [UInt64] = []
  /// For a client's step, outcome `i`'s issued and acknowledged requests after are
  /// `rewrites[rewriteEnds[i]..<checkerEnds[i]]`, the client's words after are
  /// `rewrites[checkerEnds[i]..<rewriteEnds[i + 1]]`; both empty for other steps.
  private var rewriteEnds: [Int] = [0]
  private var checkerEnds: [Int] = []
  package private(set) var rewrites: [UInt64] = []

  /// What the key of a choice that steps no replica or client starts with.
  static var noNode: UInt64 { .max }

  /// What the key of client `client`'s step starts with.
  static func clientKey(_ client: Int) -> UInt64 { .max - 1 - UInt64(client) }

  /// An empty memo.
  package init() {}

  /// The outcome of the step that `Choice.packStep(into:packet:)` writes as `tag` then `word`
  /// (none if 0), on node `before` (`noNode` for none), if it was met: one probe of `steps`.
  @inline(__always)
  package func find(on before: UInt64, tag: UInt64, word: UInt64) -> Int? {
    steps.withUnsafeBufferPointer { steps in
      let mask = steps.count / 4 - 1
      var slot = Self.slot(before, tag, word) & mask
      while true {
        let entry = steps.baseAddress! + 4 &* slot
        if entry[3] == 0 { return nil }
        if entry[0] == before, entry[1] == tag, entry[2] == word { return Int(entry[3] &- 1) }
        slot = (slot &+ 1) & mask
      }
    }
  }

  /// The outcome of client `client`'s step written as `tag` then `word` (never 0), the
  /// client's words before being `words` and the issued and acknowledged requests `checker`,
  /// if it was met.
  @inline(__always)
  package func find(
    client: Int, checker: UnsafeBufferPointer<UInt64>, words: UnsafeBufferPointer<UInt64>,
    tag: UInt64, word: UInt64
  ) -> Int? {
    clientKeys.find(Self.clientKey(client), checker, words, tag, word).map { clientOutcomes[$0] }
  }

  /// Where in `steps` (in entries) a step's key is looked for first.
  @inline(__always)
  private static func slot(_ before: UInt64, _ tag: UInt64, _ word: UInt64) -> Int {
    var hash = WordRun.seed(count: 3)
    WordRun.mix(before, into: &hash)
    WordRun.mix(tag, into: &hash)
    WordRun.mix(word, into: &hash)
    return Int(truncatingIfNeeded: WordRun.finish(hash))
  }

  /// The number of the node outcome `outcome` left (`nil` if its choice steps no replica).
  package func node(after outcome: Int) -> UInt64? {
    nodes[outcome] == .max ? nil : UInt64(nodes[outcome])
  }

  /// Where the packets outcome `outcome` added are in `sentWords` (a word each).
  package func packetsSent(by outcome: Int) -> Range<Int> { ends[outcome]..<ends[outcome + 1] }

  /// Where, for a client's step, the issued and acknowledged requests after and the client's
  /// words after are in `rewrites`.
  package func rewrite(by outcome: Int) -> (checker: Range<Int>, client: Range<Int>) {
    (rewriteEnds[outcome]..<checkerEnds[outcome], checkerEnds[outcome]..<rewriteEnds[outcome + 1])
  }

  /// The number of the outcome of `choice` on node `before` (`noNode` for none), numbered if
  /// new; `learn` must then record it. `packet` is the word of the packet the choice names
  /// (`NodeTable.word(of:)`), if it names one (else 0).
  mutating func index(_ choice: Choice, on before: UInt64, packet: UInt64) -> (
    number: Int, isNew: Bool
  ) {
    let tag = choice.stepTag
    if let number = find(on: before, tag: tag, word: packet) { return (number, false) }
    outcomes += 1
    insertStep(outcomes - 1, before, tag, packet)
    return (outcomes - 1, true)
  }

  /// Files outcome `number` in `steps` under its key; doubles `steps` when half full.
  private mutating func insertStep(_ number: Int, _ before: UInt64, _ tag: UInt64, _ word: UInt64) {
    stepCount += 1
    if 2 * stepCount > steps.count / 4 {
      let old = steps
      steps = Array(repeating: 0, count: 2 * old.count)
      for entry in stride(from: 0, to: old.count, by: 4) where old[entry + 3] != 0 {
        place(old[entry], old[entry + 1], old[entry + 2], old[entry + 3])
      }
    }
    place(before, tag, word, UInt64(number + 1))
  }

  /// Writes an entry into the first free one from where its key is looked for first.
  private mutating func place(_ before: UInt64, _ tag: UInt64, _ word: UInt64, _ value: UInt64) {
    let mask = steps.count / 4 - 1
    var slot = Self.slot(before, tag, word) & mask
    while steps[4 * slot + 3] != 0 { slot = (slot + 1) & mask }
    (steps[4 * slot], steps[4 * slot + 1], steps[4 * slot + 2]) = (before, tag, word)
    steps[4 * slot + 3] = value
  }

  /// The number of the outcome of client `client`'s step `choice`, before which the issued and
  /// acknowledged requests were `checker` and the client's words `words`, numbered if new;
  /// `learn` must then record it.
  mutating func index(
    _ choice: Choice, client: Int, checker: UnsafeBufferPointer<UInt64>,
    words: UnsafeBufferPointer<UInt64>, packet: UInt64
  ) -> (number: Int, isNew: Bool) {
    let (run, isNew) = clientKeys.index { key in
      key.append(Self.clientKey(client))
      key.append(contentsOf: checker)
      key.append(contentsOf: words)
      choice.packStep(into: &key, packet: packet)
    }
    guard isNew else { return (clientOutcomes[run], false) }
    outcomes += 1
    clientOutcomes.append(outcomes - 1)
    return (outcomes - 1, true)
  }

  /// Records what the new outcome (the last `index` numbered) did: the node after, the words of
  /// the packets it added (`sent`, in sending order), and for a client's step the issued and
  /// acknowledged requests after (`checker`) and the client's words after (`client`).
  mutating func learn(
    node: UInt64?, sent: UnsafeBufferPointer<UInt64>,
    checker: UnsafeBufferPointer<UInt64> = .init(start: nil, count: 0),
    client: UnsafeBufferPointer<UInt64> = .init(start: nil, count: 0)
  ) {
    precondition(nodes.count == outcomes - 1, "learn follows a new index")
    nodes.append(node.map(UInt32.init) ?? .max)
    sentWords.append(contentsOf: sent)
    ends.append(sentWords.count)
    rewrites.append(contentsOf: checker)
    checkerEnds.append(rewrites.count)
    rewrites.append(contentsOf: client)
    rewriteEnds.append(rewrites.count)
  }
}

/// Runs of words numbered in the order first met, and found again by their words: an
/// open-addressing table (at most half full) over one array of words.
struct RunIndex {
  /// Run `i` is `words[ends[i]..<ends[i + 1]]`. The array always has at least `spare` words
  /// after the last run: a candidate is written there, and kept if it is new.
  private var words: [UInt64] = Array(repeating: 0, count: spare)
  private var ends: [Int] = [0]
  private static var spare: Int { 1 << 12 }
  /// A run's number plus one (0 marks an empty slot).
  private var slots: [UInt32] = Array(repeating: 0, count: 1 << 8)
  private var hashes: [UInt64] = []

  /// How many runs are numbered.
  var count: Int { hashes.count }

  /// The number of the run `write` writes; numbers it if it is new.
  @inline(__always)
  mutating func index(writing write: (inout WordWriter) -> Void) -> (number: Int, isNew: Bool) {
    let start = ends[ends.count - 1]
    let (hash, length) = self.write(write)
    if let found = probe(length: length, hash: hash) { return (found, false) }
    precondition(count < Int(UInt32.max) - 1, "too many distinct runs to number")
    ends.append(start + length)
    if words.count - ends[ends.count - 1] < Self.spare {
      words.append(contentsOf: repeatElement(0, count: max(Self.spare, words.count)))
    }
    hashes.append(hash)
    insert(count - 1, hash: hash)
    if 2 * count > slots.count {
      slots = Array(repeating: 0, count: 2 * slots.count)
      for (number, hash) in hashes.enumerated() { insert(number, hash: hash) }
    }
    return (count - 1, true)
  }

  /// The number of the run made of `first`, the words of `a` and `b`, `tag` and `last`, if it
  /// is numbered: hashed and compared piece by piece, never written out (the same hash as
  /// `WordRun.hash` of the run written out).
  @inline(__always)
  func find(
    _ first: UInt64, _ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>,
    _ tag: UInt64, _ last: UInt64
  ) -> Int? {
    let length = 3 + a.count + b.count
    var hash = WordRun.seed(count: length)
    WordRun.mix(first, into: &hash)
    for word in a { WordRun.mix(word, into: &hash) }
    for word in b { WordRun.mix(word, into: &hash) }
    WordRun.mix(tag, into: &hash)
    WordRun.mix(last, into: &hash)
    hash = WordRun.finish(hash)
    return probe(length: length, hash: hash) { run in
      var run = run
      var same = run[0] == first
      run += 1
      same = same && WordRun.equal(run, a.baseAddress ?? run, count: a.count)
      run += a.count
      same = same && WordRun.equal(run, b.baseAddress ?? run, count: b.count)
      run += b.count
      return same && run[0] == tag && run[1] == last
    }
  }

  /// Writes a candidate run after the last one; returns its hash and length.
  @inline(__always)
  private mutating func write(_ write: (inout WordWriter) -> Void) -> (hash: UInt64, length: Int) {
    let start = ends[ends.count - 1]
    return words.withUnsafeMutableBufferPointer { words in
      var writer = WordWriter(UnsafeMutableBufferPointer(rebasing: words[start...]))
      write(&writer)
      let run = writer.written
      return (WordRun.hash(run.baseAddress!, count: run.count), run.count)
    }
  }

  /// The number of the run equal to the candidate (after the last run, `length` words hashed
  /// as `hash`), if any.
  @inline(__always)
  private func probe(length: Int, hash: UInt64) -> Int? {
    let candidate = ends[ends.count - 1]
    return words.withUnsafeBufferPointer { words in
      probe(length: length, hash: hash) { run in
        WordRun.equal(run, words.baseAddress! + candidate, count: length)
      }
    }
  }

  /// The number of the run of `length` words hashed as `hash` that `matches` says is the one
  /// looked for (given its first word), if any.
  @inline(__always)
  private func probe(
    length: Int, hash: UInt64, matches: (UnsafePointer<UInt64>) -> Bool
  ) -> Int? {
    words.withUnsafeBufferPointer { words in
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 {
        let number = Int(slots[slot]) - 1
        if hashes[number] == hash, ends[number + 1] - ends[number] == length,
          matches(words.baseAddress! + ends[number])
        {
          return number
        }
        slot = (slot + 1) & mask
      }
      return nil
    }
  }

  /// Puts run `number` in the first free slot from where its hash points.
  private mutating func insert(_ number: Int, hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = UInt32(number + 1)
  }
}
