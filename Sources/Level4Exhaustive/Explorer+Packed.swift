import CounterSpec
import Level3Pure

extension Explorer where R: PackableReplica {
  /// The same search as `explore(_:stateLimit:progressEvery:progress:)`, with the same result
  /// (states, transitions, depth, quiet states, counterexample), for a replica that packs into
  /// words. Read `explore` to learn the search; this is what the benchmark runs, and
  /// `ExplorerPackedTests` holds the two to the same results on several bounds.
  ///
  /// What differs is how states are kept and expanded, never how a choice is applied (the one
  /// `Cluster.apply` does that):
  /// - each state is a few dozen words in `PackedStates` (no heap buffer of its own);
  /// - one cluster is reused: a state is unpacked into it, then each choice is applied and
  ///   undone by reading back only what a choice can change (`Cluster.revert(_:to:layout:)`);
  /// - a successor is packed by copying the words of the replicas and clients the choice did
  ///   not step from its parent's, and packing the rest;
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
    var layout = PackedLayout()  // where its replicas and clients are in `words`
    var search = BreadthFirst(  // levels, counts, paths, checks
      bounds: bounds, start: start, stateLimit: stateLimit, progressEvery: progressEvery)

    while let head = search.next(states: visited.count, progress: progress) {
      visited.copy(head, into: &words)
      let spent = Spent(word: words[0])
      var reader = WordReader(words, from: 1)
      cluster.unpack(&reader, layout: &layout, nodes: table)
      _ = parentWords.update(fromContentsOf: words)
      cluster.enabledChoices(into: &choices)
      for (position, choice) in choices.enumerated() {
        guard let after = spent.after(choice, bounds) else { continue }
        cluster.apply(choice)
        // Back to the state being expanded: only what the choice can change is read again.
        defer { cluster.revert(choice, to: words, layout: layout, nodes: table) }
        guard cluster.inFlight.count <= bounds.maxInFlight else { continue }
        search.transitions += 1
        var writer = WordWriter(scratch)
        writer.append(after.word)
        let compared =
          1
          + cluster.pack(
            into: &writer, parent: UnsafeBufferPointer(parentWords), layout: layout, after: choice,
            numbering: &table)
        guard visited.insert(writer.written, compared: compared) else { continue }
        if let end = search.found(cluster, by: position, states: visited.count) { return end }
      }
    }
    return search.end(states: visited.count)
  }
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
