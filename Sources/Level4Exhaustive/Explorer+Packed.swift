import CounterSpec
import Level3Pure

extension Explorer where R: PackableReplica {
  /// The same search as `explore(_:stateLimit:progressEvery:progress:)`, with the same result
  /// (states, transitions, depth, quiet states, counterexample), for a replica that packs into
  /// words: each state is stored as a few dozen words in one flat array (`PackedStates`), with
  /// no heap buffer of its own, and expanded by unpacking it into a reused cluster. A violation
  /// is reported by replaying its path from the start, so it names the same step and history as
  /// the plain search does. Read `explore` to learn the search; this is what the benchmark runs.
  /// `ExplorerPackedTests` compares the two on several bounds.
  /// - Complexity: O(states × choices per state × size of a state).
  @_specialize(exported:true,where R == FixedReplica)
  @_specialize(exported:true,where R == FlawedReplica)
  public static func explorePacked(
    _ bounds: Bounds, stateLimit: Int = 5_000_000, progressEvery: Int = 1 << 16,
    progress: (Progress) -> Void = { _ in }
  ) -> Exploration {
    precondition(bounds.validate() == nil, bounds.validate() ?? "")
    // Effects stay on: nothing reads them here, but a cluster that records them keeps its
    // scratch buffers between steps, and these clusters are reused, never stored.
    let start = Cluster<R>(scenario: bounds.scenario, recordsTrace: false)
    var cluster = start  // each state in turn, unpacked; each choice applied, then reverted
    var visited = PackedStates()
    // Each successor is written here, then stored if new.
    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)
    defer { scratch.deallocate() }
    var writer = WordWriter(scratch)
    writer.append(Spent().word)
    let startCompared = 1 + cluster.pack(into: &writer)
    visited.insert(writer.written, compared: startCompared)
    var words: [UInt64] = []  // the state being expanded
    let parentWords = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 16)  // again
    defer { parentWords.deallocate() }
    var choices: [Choice] = []
    var layout = PackedLayout()  // where its replicas and clients are in `words`
    var discoveries = Discoveries()
    var head = 0
    var levelEnd = 1
    var depth = 0
    var transitions = 0
    var quiet = 0

    func result(_ found: Exploration.Counterexample?, truncated: Bool = false) -> Exploration {
      Exploration(
        bounds: bounds, protocolName: R.protocolName, states: visited.count,
        transitions: transitions, depth: found?.depth ?? depth, quietStates: quiet,
        isTruncated: truncated, counterexample: found)
    }
    /// The violation `choices` lead to, found again from the start (an unpacked cluster keeps
    /// no history, so its own violation would name other step numbers).
    func counterexample(_ choices: [Choice], depth: Int, settles: Bool)
      -> Exploration.Counterexample
    {
      var replay = Cluster<R>(scenario: bounds.scenario, recordsTrace: false)
      replay.recordsEffects = false
      for choice in choices { replay.apply(choice) }
      if settles { replay.finish() }
      return .init(
        replay.violation!, choices: choices, bounds: bounds, protocolName: R.protocolName,
        depth: depth, settles: settles)
    }

    while head < visited.count {
      if head == levelEnd {
        depth += 1
        levelEnd = visited.count
      }
      visited.copy(head, into: &words)
      let spent = Spent(word: words[0])
      var reader = WordReader(words, from: 1)
      cluster.unpack(&reader, layout: &layout)
      _ = parentWords.update(fromContentsOf: words)
      cluster.enabledChoices(into: &choices)
      for (position, choice) in choices.enumerated() {
        guard let after = spent.after(choice, bounds) else { continue }
        cluster.apply(choice)
        // Back to the state being expanded: only what the choice can change is read again.
        defer { cluster.revert(choice, to: words, layout: layout) }
        guard cluster.inFlight.count <= bounds.maxInFlight else { continue }
        transitions += 1
        var writer = WordWriter(scratch)
        writer.append(after.word)
        let compared =
          1
          + cluster.pack(
            into: &writer, parent: UnsafeBufferPointer(parentWords), layout: layout, after: choice)
        guard visited.insert(writer.written, compared: compared) else { continue }
        discoveries.found(from: head, by: position)
        let index = visited.count - 1
        if cluster.isBroken {
          return result(
            counterexample(
              discoveries.path(to: index, from: start), depth: depth + 1, settles: false))
        }
        if cluster.clientsFinished, cluster.inFlight.isEmpty, !cluster.writesPending {
          quiet += 1
          var settled = cluster
          let settling = settled.settle()
          if settled.isBroken {
            return result(
              counterexample(
                discoveries.path(to: index, from: start) + settling, depth: depth + 1,
                settles: true))
          }
        }
      }
      head += 1
      if head % progressEvery == 0 {
        progress(Progress(states: visited.count, transitions: transitions, depth: depth))
      }
      if visited.count >= stateLimit, head < visited.count {
        return result(nil, truncated: true)
      }
    }
    depth = visited.count > levelEnd ? depth + 1 : depth
    return result(nil)
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
