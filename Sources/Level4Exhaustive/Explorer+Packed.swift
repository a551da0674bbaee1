import CounterSpec
import Level3Pure

extension Explorer {
  /// The same search as `explore(_:stateLimit:progressEvery:progress:)`, with the same result
  /// (states, transitions, depth, quiet states, counterexample), for any replica, many times
  /// faster. Read `explore` to learn the search; this is what the benchmark runs, and
  /// `ExplorerPackedTests` holds the two to the same results on several bounds.
  ///
  /// What differs is how states are kept and expanded, never what a choice does (the one
  /// `Cluster.apply` decides that; the step memo below only replays its answers):
  /// - each state is a few words in `PackedStates` (no heap buffer of its own), each replica
  ///   one word: its number in a `NodeTable` of the distinct replicas met (told apart by `==`),
  ///   each message in flight one word (a gossip's tally numbered in the same table);
  /// - a state's choices are read off its words (`PackedChoices`), by the same rule that lists
  ///   a cluster's (`ChoiceSource.forEachEnabledChoice`), with what the table knows of each
  ///   replica's node; only the choices the budget affords are kept;
  /// - a step met before is not applied again: `StepMemo` remembers what each replica step,
  ///   drop, duplicate and client step did (the node or the client after, the requests issued
  ///   and acknowledged, the packets sent), and the successor is written from its parent's
  ///   words (`PackedChoices.replay`); it is looked up in the store one choice later, its table
  ///   slot prefetched meanwhile;
  /// - the state is unpacked into a cluster only for a step the memo has not met, or when the
  ///   checks need the cluster (a value above the requests issued, an acknowledged request no
  ///   replica holds, a quiet state to settle); the cluster then applies the choice, packs the
  ///   successor (the memo learns it) and undoes it by reading back only what a choice can
  ///   change (`Cluster.revert(_:to:layout:nodes:)`). Debug builds unpack every state, check
  ///   its choices against the cluster's, and apply each replayed choice to compare the words;
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
    var visited = PackedStates(expected: min(stateLimit, 1 << 22))
    var table = NodeTable<R>()  // every distinct replica node met, numbered
    // Each successor is written here, then stored if new.
    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)
    defer { scratch.deallocate() }
    var writer = WordWriter(scratch)
    writer.append(Spent().word)
    let startCompared = 1 + cluster.pack(into: &writer, numbering: &table)
    visited.insert(writer.written, compared: startCompared)
    var words: [UInt64] = []  // the state being expanded, once it is unpacked
    let parentWords = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)  // again
    defer { parentWords.deallocate() }
    // Its choices that the budget affords, read off its words (`enabled[..<choiceCount]`), and
    // their positions among all its choices.
    let enabled = UnsafeMutableBufferPointer<EnabledChoice>.allocate(capacity: 1 << 12)
    defer { enabled.deallocate() }
    let positions = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1 << 12)
    defer { positions.deallocate() }
    var choices: [Choice] = []  // the same as `Choice`s, once it is unpacked
    var unpacked = false  // whether `cluster` holds it (and `choices` its choices)
    var memo = StepMemo()  // what each step met did
    var state = PackedChoices()  // its choices read off its words, and where its parts are
    var search = BreadthFirst(  // levels, counts, paths, checks
      bounds: bounds, for: R.self, stateLimit: stateLimit, progressEvery: progressEvery)

    // A successor waits in one scratch buffer while the next choice is applied and packed
    // into the other: its table slot, prefetched when it was packed, is on its way into the
    // cache meanwhile. It is then stored if new, in the same order as without waiting.
    let waiting = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)
    defer { waiting.deallocate() }
    var buffers = (scratch, waiting)
    var pending: Pending?

    // The nested functions below take the state, the table and the memo as arguments instead
    // of capturing them: a captured variable lives in a box, and each method called on it
    // (once per choice) would copy it out first.

    /// Unpacks the state being expanded (read into `state`) into `cluster`, unless it is there
    /// already.
    func unpack(_ state: inout PackedChoices, _ table: NodeTable<R>) {
      guard !unpacked else { return }
      words.removeAll(keepingCapacity: true)
      words.append(contentsOf: state.parent)
      var reader = WordReader(words, from: 1)
      cluster.unpack(&reader, layout: &state.layout, nodes: table)
      cluster.enabledChoices(into: &choices)
      unpacked = true
      #if DEBUG
        var own: [EnabledChoice] = []
        cluster.forEachEnabledChoice { own.append($0) }
        precondition(
          own == state.enabledChoices, "the choices read off the words are not the cluster's")
      #endif
    }

    /// Stores the waiting successor if new and checks it; returns whether a property broke,
    /// the search's result then in `ended`. (A flag, not the result: an optional `Exploration`
    /// is over 400 bytes, and returning or reading one copied it at every call.)
    var ended: Exploration?
    func settle(
      _ waiting: Pending, in buffer: UnsafeMutableBufferPointer<UInt64>,
      _ state: inout PackedChoices, _ table: NodeTable<R>
    ) -> Bool {
      search.transitions += 1
      let successor = UnsafeMutableBufferPointer(rebasing: buffer[..<waiting.count])
      guard visited.insert(successor, compared: waiting.compared, hash: waiting.hash) else {
        return false
      }
      guard waiting.needsChecks else {
        search.found(by: waiting.position)
        return false
      }
      unpack(&state, table)
      let choice = choices[waiting.position]
      cluster.apply(choice)  // again: the checks read the successor itself (rarely)
      defer { cluster.revert(choice, to: words, layout: state.layout, nodes: table) }
      guard
        let end = search.found(cluster, by: waiting.position, states: visited.count, from: start)
      else { return false }
      ended = end
      return true
    }

    #if DEBUG
      let expected = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)
      defer { expected.deallocate() }
      /// Stops the program unless applying `choice` and packing gives what `replay` wrote.
      func checkReplay(
        _ choice: Choice, _ written: WordWriter, compared: Int, needsChecks: Bool,
        _ state: PackedChoices, _ table: inout NodeTable<R>, _ memo: inout StepMemo
      ) {
        cluster.apply(choice)
        precondition(!cluster.isBroken, "\(choice) was replayed, yet breaks a property")
        precondition(BreadthFirst.needsChecks(cluster) == needsChecks, "\(choice): checks differ")
        var writer = WordWriter(expected)
        writer.append(written.written[0])
        let packed =
          1
          + cluster.pack(
            into: &writer, parent: UnsafeBufferPointer(parentWords), layout: state.layout,
            after: choice, numbering: &table, memo: &memo)
        precondition(
          packed == compared && Array(writer.written) == Array(written.written),
          "\(choice) was replayed otherwise than applied")
        cluster.revert(choice, to: words, layout: state.layout, nodes: table)
      }
    #endif

    // Read once: in code compiled for no replica in particular, each read of a cluster's arrays
    // looks up their element type's metadata.
    let (replicas, clients) = (start.nodes.count, start.clientNodes.count)
    while let head = search.next(states: visited.count, progress: progress) {
      let parent = UnsafeBufferPointer(visited.copy(head, into: parentWords))
      let spent = parent[0]
      let affordable = Spent(word: spent).affordable(bounds)
      state.read(
        parent, from: 1, replicas: replicas, clients: clients, facts: table.facts)
      unpacked = false
      let count = state.enabledChoices(
        into: enabled, affordable: affordable, positions: positions)
      let facts = PackedFacts(state)
      #if DEBUG
        unpack(&state, table)  // to check every choice read off the words, and each replay
      #endif
      for index in 0..<count {
        let position = positions[index]  // among all its choices, for the search's paths
        let after = spent &+ Spent.cost(of: enabled[index].kind)
        var writer = WordWriter(buffers.0)
        writer.append(after)
        let compared: Int
        let needsChecks: Bool
        switch state.replay(
          enabled[index], facts: facts, memo: &memo, maxInFlight: bounds.maxInFlight, into: &writer)
        {
        case .overLimit: continue
        case .written(let written, let checks):
          (compared, needsChecks) = (written, checks)
          #if DEBUG
            checkReplay(
              choices[position], writer, compared: compared, needsChecks: needsChecks, state,
              &table, &memo)
          #endif
        case .needsCluster:
          unpack(&state, table)
          let choice = choices[position]
          cluster.apply(choice)
          guard cluster.inFlight.count <= bounds.maxInFlight else {
            cluster.revert(choice, to: words, layout: state.layout, nodes: table)
            continue
          }
          writer = WordWriter(buffers.0)
          writer.append(after)
          compared =
            1
            + cluster.pack(
              into: &writer, parent: parent, layout: state.layout, after: choice, numbering: &table,
              memo: &memo)
          needsChecks = BreadthFirst.needsChecks(cluster)
          // Back to the state being expanded: only what the choice can change is read again.
          cluster.revert(choice, to: words, layout: state.layout, nodes: table)
        }
        let hash = PackedStates.hash(of: writer.written, compared: compared)
        visited.touch(hash)
        let next = Pending(
          position: position, count: writer.count, compared: compared, hash: hash,
          needsChecks: needsChecks)
        if let waiting = pending, settle(waiting, in: buffers.1, &state, table) { return ended! }
        pending = next
        buffers = (buffers.1, buffers.0)
      }
      if let waiting = pending, settle(waiting, in: buffers.1, &state, table) { return ended! }
      pending = nil
    }
    return search.end(states: visited.count)
  }
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

  /// What a choice of kind `kind` adds to `word`: one in its budget's byte (nothing for a kind
  /// with no budget).
  @inline(__always)
  static func cost(of kind: EnabledChoice.Kind) -> UInt64 {
    switch kind {
    case .drop: 1
    case .duplicate: 1 << 8
    case .crash: 1 << 16
    case .fireClient: 1 << 24
    case .fireReplica: 1 << 32
    case .deliver, .completeWrite, .restart: 0
    }
  }

  /// The budget `word` holds.
  init(word: UInt64) {
    self.init(
      drops: Int(word & 0xFF), duplicates: Int(word >> 8 & 0xFF),
      crashes: Int(word >> 16 & 0xFF), retries: Int(word >> 24 & 0xFF),
      gossips: Int(word >> 32 & 0xFF))
  }
}
