import CounterSpec
import Level3Pure

/// How a breadth-first search first reached each state it found, by index: from which state,
/// and by which of that state's enabled choices (its position in `enabledChoices()`). Reading it
/// backwards from a state and replaying from the start gives a shortest path to it. (A position
/// is two bytes where a `Choice` is over a hundred: a search stores one per state.)
struct Discoveries {
  private var parents: [Int32] = [-1]  // the start has none
  private var positions: [UInt16] = [0]  // the start's is never read

  /// No state found but the start, with room reserved for `expected` states (reserved, not
  /// touched: the system provides the pages only as they fill, and nothing is copied to grow).
  init(expected: Int = 0) {
    parents.reserveCapacity(expected)
    positions.reserveCapacity(expected)
  }

  /// State `count` (the next index) was first reached from state `parent` by its enabled choice
  /// at `position`.
  mutating func found(from parent: Int, by position: Int) {
    parents.append(Int32(parent))
    positions.append(UInt16(position))
  }

  /// The choices that lead from `start` (the search's first state) to state `index`, in order.
  func path<R>(to index: Int, from start: Cluster<R>) -> [Choice] {
    var steps: [Int] = []
    var current = index
    while current > 0 {
      steps.append(Int(positions[current]))
      current = Int(parents[current])
    }
    var cluster = start
    var choices: [Choice] = []
    for position in steps.reversed() {
      let choice = cluster.enabledChoices()[position]
      cluster.apply(choice)
      choices.append(choice)
    }
    return choices
  }
}

/// The bookkeeping of a breadth-first search, the same in both searches (`explore` and
/// `explorePacked`): which state is expanded next and on which level, what was counted, how
/// each state was first reached, and the checks on each new state. States are numbered in the
/// order they were found. Not generic (only the methods that take a cluster are), so that a
/// search compiled for no replica in particular counts its transitions without looking up
/// type metadata.
struct BreadthFirst {
  /// The bounds searched, and the name of the protocol searched.
  let bounds: Bounds
  let protocolName: String
  /// After `stateLimit` states the search stops; progress is reported every `progressEvery`
  /// states expanded.
  let stateLimit: Int
  let progressEvery: Int
  /// How each state was first reached.
  private var discoveries = Discoveries()
  /// The state being expanded, whether the first one has been handed out, and whether the
  /// search stopped at `stateLimit`.
  private var head = 0
  private var started = false
  private var truncated = false
  /// Where the level of `head` ends, and its depth.
  private var levelEnd = 1
  private var depth = 0
  /// Transitions taken (choices applied within the budgets and the limit on messages in
  /// flight), and quiet states settled.
  var transitions = 0
  private var quiet = 0

  /// A search of `bounds` for replica `R`, before its first state is expanded.
  init<R: CounterReplica>(bounds: Bounds, for _: R.Type, stateLimit: Int, progressEvery: Int) {
    self.bounds = bounds
    protocolName = R.protocolName
    self.stateLimit = stateLimit
    self.progressEvery = progressEvery
    discoveries = Discoveries(expected: min(stateLimit, 1 << 22))
  }

  /// The next state to expand, with `states` found so far, or `nil` when the search is over:
  /// every state expanded, or `stateLimit` states found (`end(states:)` says which). A level
  /// ends when its last state is expanded; the states found meanwhile make the next one.
  mutating func next<R>(states: Int, progress: (Explorer<R>.Progress) -> Void) -> Int? {
    if started {
      head += 1
      if head % progressEvery == 0 {
        progress(Explorer<R>.Progress(states: states, transitions: transitions, depth: depth))
      }
      if states >= stateLimit, head < states {
        truncated = true
        return nil
      }
    }
    started = true
    guard head < states else { return nil }
    if head == levelEnd {
      depth += 1
      levelEnd = states
    }
    return head
  }

  /// Records the state just found (`cluster`, the last of `states`), first reached from `head`
  /// by its enabled choice at `position`, and checks it: safety, which the cluster checked as
  /// it applied the choice, and on a quiet state (clients done, nothing in flight, no write
  /// pending) convergence, where it is decidable: a copy is settled without faults (crashed
  /// replicas restart, messages and writes drain, gossip fires round by round) and must agree.
  /// A violation is replayed from `start`, the search's first state.
  /// - Returns: the search's result if a property broke.
  mutating func found<R>(
    _ cluster: Cluster<R>, by position: Int, states: Int, from start: Cluster<R>
  ) -> Exploration? {
    discoveries.found(from: head, by: position)
    if cluster.isBroken {
      return result(states: states, counterexample(to: states - 1, from: start))
    }
    guard cluster.clientsFinished, cluster.inFlight.isEmpty, !cluster.writesPending else {
      return nil
    }
    quiet += 1
    var settled = cluster
    let settling = settled.settle()
    guard settled.isBroken else { return nil }
    return result(states: states, counterexample(to: states - 1, from: start, settling: settling))
  }

  /// Whether `found(_:by:states:)` must see a new state `cluster` (it is broken, or quiet and
  /// so checked for convergence); for any other new state, `found(by:)` does the same.
  static func needsChecks<R>(_ cluster: Cluster<R>) -> Bool {
    cluster.isBroken
      || (cluster.clientsFinished && cluster.inFlight.isEmpty && !cluster.writesPending)
  }

  /// Records a new state that `needsChecks` says needs no check, first reached from `head` by
  /// its enabled choice at `position`.
  mutating func found(by position: Int) {
    discoveries.found(from: head, by: position)
  }

  /// The result of a search that `next(states:progress:)` ended, with `states` found: the last
  /// level counts if it found any.
  func end(states: Int) -> Exploration {
    if truncated { return result(states: states, nil, truncated: true) }
    var last = self
    if states > levelEnd { last.depth += 1 }
    return last.result(states: states, nil)
  }

  /// The violation that the path to state `index` (then `settling` and the end-of-run check, if
  /// the state was settled) leads to, replayed from the start so that it names the steps of that
  /// path, found on the next level.
  private func counterexample<R>(
    to index: Int, from start: Cluster<R>, settling: [Choice]? = nil
  ) -> Exploration.Counterexample {
    let path = discoveries.path(to: index, from: start)
    var replay = start
    for choice in path { replay.apply(choice) }
    if let settling {
      for choice in settling { replay.apply(choice) }
      replay.finish()
    }
    return .init(
      replay.violation!, choices: path + (settling ?? []), bounds: bounds,
      protocolName: protocolName, depth: depth + 1, settles: settling != nil)
  }

  /// The search's result, with `states` found.
  private func result(
    states: Int, _ found: Exploration.Counterexample?, truncated: Bool = false
  ) -> Exploration {
    Exploration(
      bounds: bounds, protocolName: protocolName, states: states, transitions: transitions,
      depth: found?.depth ?? depth, quietStates: quiet, isTruncated: truncated,
      counterexample: found)
  }
}

extension Exploration.Counterexample {
  /// `broken`, reached by `choices` at breadth-first depth `depth`.
  init(
    _ broken: Violation, choices: [Choice], bounds: Bounds, protocolName: String, depth: Int,
    settles: Bool
  ) {
    self.init(
      property: broken.property, violation: broken, depth: depth,
      schedule: Schedule(scenario: bounds.scenario, protocolName: protocolName, choices: choices),
      settles: settles)
  }
}
