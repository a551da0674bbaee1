import CounterSpec
import Level3Pure

extension Explorer {
  /// The same search as `explore(_:stateLimit:progressEvery:progress:)`, with the same result
  /// (states, transitions, depth, quiet states, counterexample), stored more cheaply: each state
  /// is kept once, in discovery order, and found again through `VisitedTable`, an
  /// open-addressing table of indices, instead of a `Set` plus a frontier holding a second copy.
  /// Read `explore` to learn the search; this is what the benchmark runs. A test compares the
  /// two on several bounds.
  /// - Complexity: O(states × choices per state × size of a state).
  @_specialize(exported:true,where R == FixedReplica)
  @_specialize(exported:true,where R == FlawedReplica)
  public static func exploreFast(
    _ bounds: Bounds, stateLimit: Int = 5_000_000, progressEvery: Int = 1 << 16,
    progress: (Progress) -> Void = { _ in }
  ) -> Exploration {
    precondition(bounds.validate() == nil, bounds.validate() ?? "")
    var cluster = Cluster<R>(scenario: bounds.scenario, recordsTrace: false)
    cluster.recordsEffects = false
    var visited = VisitedTable<State>()
    let start = State(cluster: cluster)
    visited.insert(start, hash: start.hash)
    var parents: [Int32] = [-1]
    var via: [Choice] = [.heal]  // the start's is never read
    var head = 0
    var levelEnd = 1
    var depth = 0
    var transitions = 0
    var quiet = 0

    func path(to index: Int) -> [Choice] {
      var choices: [Choice] = []
      var current = index
      while current > 0 {
        choices.append(via[current])
        current = Int(parents[current])
      }
      return choices.reversed()
    }
    func result(_ found: Exploration.Counterexample?, truncated: Bool = false) -> Exploration {
      Exploration(
        bounds: bounds, protocolName: R.protocolName, states: visited.count,
        transitions: transitions, depth: found?.depth ?? depth, quietStates: quiet,
        isTruncated: truncated, counterexample: found)
    }
    func counterexample(_ broken: Violation, _ choices: [Choice], depth: Int, settles: Bool)
      -> Exploration.Counterexample
    {
      Exploration.Counterexample(
        property: broken.property, violation: broken, depth: depth,
        schedule: Schedule(
          scenario: bounds.scenario, protocolName: R.protocolName, choices: choices),
        settles: settles)
    }

    while head < visited.count {
      if head == levelEnd {
        depth += 1
        levelEnd = visited.count
      }
      let state = visited[head]
      for choice in state.cluster.enabledChoices() {
        guard let spent = state.spent.after(choice, bounds) else { continue }
        var next = state.cluster
        next.apply(choice)
        guard next.inFlight.count <= bounds.maxInFlight else { continue }
        transitions += 1
        let broken = next.violation
        let isQuiet = next.clientsFinished && next.inFlight.isEmpty && !next.writesPending
        // `consume`: the new state moves into the table instead of being copied there; the
        // table uses the hash the state computed once.
        let successor = State(cluster: consume next, spent: spent)
        let hash = successor.hash
        guard visited.insert(consume successor, hash: hash) else { continue }
        parents.append(Int32(head))
        via.append(choice)
        let index = visited.count - 1
        if let broken {
          return result(counterexample(broken, path(to: index), depth: depth + 1, settles: false))
        }
        if isQuiet {
          quiet += 1
          var settled = visited[index].cluster
          let settling = settled.settle()
          if let broken = settled.violation {
            let choices = path(to: index) + settling
            return result(counterexample(broken, choices, depth: depth + 1, settles: true))
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
