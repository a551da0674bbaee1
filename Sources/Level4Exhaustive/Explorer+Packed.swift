import CounterSpec
import Level3Pure

extension Explorer where R: PackableReplica {
  /// The same search as `explore(_:stateLimit:progressEvery:progress:)`, with the same result
  /// (states, transitions, depth, quiet states, counterexample), for a replica that packs into
  /// words. Read `explore` to learn the search; this is what the benchmark runs, and
  /// `ExplorerPackedTests` holds the two to the same results on several bounds.
  ///
  /// What differs is how states are kept and expanded, never what a choice does (the one
  /// `Cluster.apply` decides that; the step memo below only replays its answers):
  /// - each state is a few words in `PackedStates` (no heap buffer of its own), each replica
  ///   one word: its number in a `NodeTable` of the distinct replicas met;
  /// - one cluster is reused: a state is unpacked into it, then each choice is applied and
  ///   undone by reading back only what a choice can change
  ///   (`Cluster.revert(_:to:layout:nodes:)`);
  /// - a successor is packed by copying the words of the replicas and clients the choice did
  ///   not step from its parent's, and packing the rest; it is looked up in the store one
  ///   choice later, its table slot prefetched meanwhile;
  /// - a replica's step, a drop or a duplicate met before is not applied again: `StepMemo`
  ///   remembers what it did (the node after, the packets sent), and the successor is written
  ///   from its parent's words (`PackedLayout.writeSuccessor`). A client's step is always
  ///   applied, and so is a remembered one when the checks need the cluster (a value above the
  ///   requests issued, an acknowledged request that no replica holds). Debug builds apply each
  ///   replayed choice as well and compare the words;
  /// - a violation is reported by replaying its path from the start, so it names the same steps
  ///   as the plain search (an unpacked cluster keeps no history).
  /// - Complexity: O(states × choices per state × size of a state).
  @_specialize(exported:true,where R == FixedReplica)
  @_specialize(exported:true,where R == FlawedReplica)
  public static func explorePacked(
    _ bounds: Bounds, stateLimit: Int = 5_000_000, progressEvery: Int = 1 << 16,
    progress: (Progress) -> Void = { _ in }
  ) -> Exploration {
    precondition(bounds.validate() == nil, bounds.validate() ?? "")
    // Effects stay on: nothing reads them here, but a cluster that records them keeps its
    // scratch buffers between steps, and this cluster is reused, never stored.
    let start = Cluster<R>(scenario: bounds.scenario, recordsTrace: false)
    var cluster = start  // each state in turn, unpacked; each choice applied, then reverted
    var visited = PackedStates()
    var table = NodeTable<R>()  // every distinct replica node met, numbered
    // Each successor is written here, then stored if new.
    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)
    defer { scratch.deallocate() }
    var writer = WordWriter(scratch)
    writer.append(Spent().word)
    let startCompared = 1 + cluster.pack(into: &writer, numbering: &table)
    visited.insert(writer.written, compared: startCompared)
    var words: [UInt64] = []  // the state being expanded
    let parentWords = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)  // again
    defer { parentWords.deallocate() }
    var choices: [Choice] = []
    var packets: [Int] = []  // for each choice, its packet's place in sending order (or -1)
    var memo = StepMemo()  // what each replica step, drop and duplicate met did
    var layout = PackedLayout()  // where its replicas and clients are in `words`
    var search = BreadthFirst(  // levels, counts, paths, checks
      bounds: bounds, start: start, stateLimit: stateLimit, progressEvery: progressEvery)

    // A successor waits in one scratch buffer while the next choice is applied and packed
    // into the other: its table slot, prefetched when it was packed, is on its way into the
    // cache meanwhile. It is then stored if new, in the same order as without waiting.
    let waiting = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)
    defer { waiting.deallocate() }
    var buffers = (scratch, waiting)
    var pending: Pending?

    /// Stores the waiting successor if new and checks it; returns the search's result if a
    /// property broke.
    func settle(_ waiting: Pending, in buffer: UnsafeMutableBufferPointer<UInt64>) -> Exploration? {
      search.transitions += 1
      let state = UnsafeMutableBufferPointer(rebasing: buffer[..<waiting.count])
      guard visited.insert(state, compared: waiting.compared, hash: waiting.hash) else {
        return nil
      }
      guard waiting.needsChecks else {
        search.found(by: waiting.position)
        return nil
      }
      let choice = choices[waiting.position]
      cluster.apply(choice)  // again: the checks read the successor itself (rarely)
      defer { cluster.revert(choice, to: words, layout: layout, nodes: table) }
      return search.found(cluster, by: waiting.position, states: visited.count)
    }

    var facts = ExpandedFacts()  // what `replay` reads of the state being expanded

    #if DEBUG
      let expected = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)
      defer { expected.deallocate() }
      /// Stops the program unless applying `choice` and packing gives what `replay` wrote.
      func checkReplay(_ choice: Choice, _ written: WordWriter, compared: Int, needsChecks: Bool) {
        cluster.apply(choice)
        precondition(!cluster.isBroken, "\(choice) was replayed, yet breaks a property")
        precondition(BreadthFirst.needsChecks(cluster) == needsChecks, "\(choice): checks differ")
        var writer = WordWriter(expected)
        writer.append(written.written[0])
        let packed =
          1
          + cluster.pack(
            into: &writer, parent: UnsafeBufferPointer(parentWords), layout: layout,
            after: choice, numbering: &table, memo: &memo)
        precondition(
          packed == compared && Array(writer.written) == Array(written.written),
          "\(choice) was replayed otherwise than applied")
        cluster.revert(choice, to: words, layout: layout, nodes: table)
      }
    #endif

    while let head = search.next(states: visited.count, progress: progress) {
      visited.copy(head, into: &words)
      let spent = Spent(word: words[0])
      var reader = WordReader(words, from: 1)
      cluster.unpack(&reader, layout: &layout, nodes: table)
      _ = parentWords.update(fromContentsOf: words)
      cluster.enabledChoices(into: &choices, packets: &packets)
      facts.note(cluster, words, layout: layout, nodes: table)
      for (position, choice) in choices.enumerated() {
        guard let after = spent.after(choice, bounds) else { continue }
        var writer = WordWriter(buffers.0)
        writer.append(after.word)
        let compared: Int
        let needsChecks: Bool
        switch replay(
          choice, packet: packets[position], of: UnsafeBufferPointer(parentWords), facts: facts,
          layout: layout, memo: &memo, nodes: table, bounds: bounds, into: &writer)
        {
        case .overLimit: continue
        case .written(let written, let checks):
          (compared, needsChecks) = (written, checks)
          #if DEBUG
            checkReplay(choice, writer, compared: compared, needsChecks: needsChecks)
          #endif
        case .needsCluster:
          cluster.apply(choice)
          guard cluster.inFlight.count <= bounds.maxInFlight else {
            cluster.revert(choice, to: words, layout: layout, nodes: table)
            continue
          }
          writer = WordWriter(buffers.0)
          writer.append(after.word)
          compared =
            1
            + cluster.pack(
              into: &writer, parent: UnsafeBufferPointer(parentWords), layout: layout,
              after: choice, numbering: &table, memo: &memo)
          needsChecks = BreadthFirst.needsChecks(cluster)
          // Back to the state being expanded: only what the choice can change is read again.
          cluster.revert(choice, to: words, layout: layout, nodes: table)
        }
        let hash = PackedStates.hash(of: writer.written, compared: compared)
        visited.touch(hash)
        let next = Pending(
          position: position, count: writer.count, compared: compared, hash: hash,
          needsChecks: needsChecks)
        if let waiting = pending, let end = settle(waiting, in: buffers.1) { return end }
        pending = next
        buffers = (buffers.1, buffers.0)
      }
      if let waiting = pending, let end = settle(waiting, in: buffers.1) { return end }
      pending = nil
    }
    return search.end(states: visited.count)
  }
}

extension Explorer where R: PackableReplica {
  /// Writes the successor of `parent` (the state being expanded, with `facts` and `layout`)
  /// by `choice`, whose packet was sent `packet`-th, from what `memo` remembers of it, if it
  /// can (see `explorePacked`).
  @inline(__always)
  private static func replay(
    _ choice: Choice, packet: Int, of parent: UnsafeBufferPointer<UInt64>, facts: ExpandedFacts,
    layout: PackedLayout, memo: inout StepMemo, nodes table: NodeTable<R>, bounds: Bounds,
    into writer: inout WordWriter
  ) -> Replay {
    guard Cluster<R>.isRemembered(choice) else { return .needsCluster }
    let replica = Cluster<R>.process(of: choice).replica
    let before = replica >= 0 ? parent[layout.nodes[replica]] : nil
    let found =
      packet >= 0
      ? memo.find(choice, on: before, packet: layout.words(ofPacket: packet, in: parent))
      : memo.find(choice, on: before)
    guard let outcome = found else { return .needsCluster }
    let removing = Cluster<R>.removesPacket(choice) ? packet : -1
    let (sent, count) = memo.packetsSent(by: outcome)
    let inFlight = facts.inFlight - (removing >= 0 ? 1 : 0) + count
    guard inFlight <= bounds.maxInFlight else { return .overLimit }
    var writes = facts.anyWrites
    let node = memo.node(after: outcome) ?? 0
    if replica >= 0 {
      let after = table.facts[Int(node)]
      // Above the requests issued, a value breaks *no double counting*: the cluster says how.
      guard after.value <= facts.issued else { return .needsCluster }
      writes = facts.othersWrite[replica] || after.isWriting
      // An acknowledged request that no replica holds may still be in a gossip: the cluster
      // looks.
      if facts.anyAcknowledged {
        var held = facts.othersHold[replica]
        held.formUnion(after.held)
        guard facts.acknowledged.isSubset(of: held) else { return .needsCluster }
      }
    } else if facts.anyAcknowledged, !facts.acknowledged.isSubset(of: facts.allHold) {
      return .needsCluster
    }
    let compared = memo.sentWords.withUnsafeBufferPointer { words in
      layout.writeSuccessor(
        of: parent, replica: replica, node: node, removing: removing,
        adding: UnsafeBufferPointer(rebasing: words[sent]), count: count, into: &writer)
    }
    guard let compared else { return .needsCluster }
    return .written(
      compared: 1 + compared, needsChecks: facts.clientsFinished && inFlight == 0 && !writes)
  }
}

/// What `Explorer.replay` reads of the state being expanded, without its cluster: how many
/// requests were issued, which were acknowledged, whether the clients are done, how many
/// messages are in flight, what all replicas hold and whether one has a write in flight, and
/// the same for all replicas but one (by the one left out).
private struct ExpandedFacts {
  var issued = 0
  var acknowledged = RequestSet()
  var anyAcknowledged = false
  var clientsFinished = false
  var inFlight = 0
  var allHold = RequestSet()
  var anyWrites = false
  var othersHold: [RequestSet] = []
  var othersWrite: [Bool] = []

  /// Notes the facts of `cluster`, just unpacked from `words` with `layout` and `table`.
  mutating func note<R: PackableReplica>(
    _ cluster: Cluster<R>, _ words: [UInt64], layout: PackedLayout, nodes table: NodeTable<R>
  ) {
    issued = cluster.checker.issued.count
    acknowledged = cluster.checker.acknowledged
    anyAcknowledged = !acknowledged.isEmpty
    clientsFinished = cluster.clientsFinished
    inFlight = cluster.inFlight.count
    let replicas = layout.nodes.count
    if othersHold.count != replicas {
      othersHold = Array(repeating: RequestSet(), count: replicas)
      othersWrite = Array(repeating: false, count: replicas)
    }
    allHold = RequestSet()
    anyWrites = false
    for index in 0..<replicas {
      othersHold[index] = RequestSet()
      othersWrite[index] = false
    }
    for index in 0..<replicas {
      let facts = table.facts[Int(words[layout.nodes[index]])]
      anyWrites = anyWrites || facts.isWriting
      for other in 0..<replicas where other != index {
        othersWrite[other] = othersWrite[other] || facts.isWriting
      }
      guard anyAcknowledged else { continue }  // what they hold is then never asked
      allHold.formUnion(facts.held)
      for other in 0..<replicas where other != index { othersHold[other].formUnion(facts.held) }
    }
  }
}

/// What `explorePacked` could make of a choice without applying it.
private enum Replay {
  /// Its successor is written: so many words are compared, and the search must check it with
  /// the cluster itself (or not).
  case written(compared: Int, needsChecks: Bool)
  /// It would put more messages in flight than the bounds allow: no transition.
  case overLimit
  /// It must be applied: new, or one the checks need the cluster for.
  case needsCluster
}

/// A successor packed and waiting to be stored (see `explorePacked`).
private struct Pending {
  /// The position of its choice among the parent's enabled choices.
  let position: Int
  /// Its words, and how many of them are compared.
  let count: Int
  let compared: Int
  /// Its hash in the store.
  let hash: UInt64
  /// Whether the search must check it with the cluster itself (`BreadthFirst.needsChecks`).
  let needsChecks: Bool
}

extension Explorer.Spent {
  /// The budget spent, one byte per kind, in one word.
  var word: UInt64 {
    UInt64(drops) | UInt64(duplicates) << 8 | UInt64(crashes) << 16 | UInt64(retries) << 24
      | UInt64(gossips) << 32
  }

  /// The budget `word` holds.
  init(word: UInt64) {
    self.init(
      drops: Int(word & 0xFF), duplicates: Int(word >> 8 & 0xFF),
      crashes: Int(word >> 16 & 0xFF), retries: Int(word >> 24 & 0xFF),
      gossips: Int(word >> 32 & 0xFF))
  }
}
