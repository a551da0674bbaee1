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
    // One state's successors are written here, back to back, before any is stored.
    let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 18)
    defer { scratch.deallocate() }
    var successors: [Successor] = []
    var writer = WordWriter(scratch)
    writer.append(Spent().word)
    let startCompared = 1 + cluster.pack(into: &writer)
    visited.insert(
      writer.written, compared: startCompared,
      hash: PackedStates.hash(writer.written, compared: startCompared))
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
      // 1) Every successor, packed into `scratch`.
      successors.removeAll(keepingCapacity: true)
      var end = 0
      _ = parentWords.update(fromContentsOf: words)
      cluster.enabledChoices(into: &choices)
      for (position, choice) in choices.enumerated() {
        guard let after = spent.after(choice, bounds) else { continue }
        cluster.apply(choice)
        // Back to the state being expanded: only what the choice can change is read again.
        defer { cluster.revert(choice, to: words, layout: layout) }
        guard cluster.inFlight.count <= bounds.maxInFlight else { continue }
        var writer = WordWriter(.init(rebasing: scratch[end...]))
        writer.append(after.word)
        let compared =
          1
          + cluster.pack(
            into: &writer, parent: UnsafeBufferPointer(parentWords), layout: layout, after: choice)
        let hash = PackedStates.hash(writer.written, compared: compared)
        successors.append(
          Successor(
            position: position, start: end, count: writer.count, compared: compared, hash: hash,
            isBroken: cluster.isBroken,
            isQuiet: cluster.clientsFinished && cluster.inFlight.isEmpty && !cluster.writesPending))
        end += writer.count
      }
      // 2) Their table slots read all at once (the misses overlap), then each stored if new.
      for successor in successors { visited.warm(successor.hash) }
      for successor in successors {
        transitions += 1
        let state = UnsafeMutableBufferPointer(
          rebasing: scratch[successor.start..<(successor.start + successor.count)])
        guard visited.insert(state, compared: successor.compared, hash: successor.hash) else {
          continue
        }
        discoveries.found(from: head, by: successor.position)
        let index = visited.count - 1
        if successor.isBroken {
          return result(
            counterexample(
              discoveries.path(to: index, from: start), depth: depth + 1, settles: false))
        }
        if successor.isQuiet {
          quiet += 1
          var reader = WordReader(Array(state), from: 1)
          var settled = cluster
          settled.unpack(&reader)
          let settling = settled.settle()
          if settled.isBroken {
            return result(
              counterexample(
                discoveries.path(to: index, from: start) + settling, depth: depth + 1, settles: true
              ))
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

/// A successor written into the explorer's scratch buffer, waiting to be stored.
private struct Successor {
  /// The position of the choice that led to it among its parent's enabled choices.
  let position: Int
  /// Where its words are in the scratch buffer, how many, and how many of them are compared.
  let start: Int
  let count: Int
  let compared: Int
  /// `PackedStates.hash(_:compared:)` of its words.
  let hash: UInt64
  /// Whether a property broke on the way to it.
  let isBroken: Bool
  /// Whether it is quiet: clients done, nothing in flight, no write pending.
  let isQuiet: Bool
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
