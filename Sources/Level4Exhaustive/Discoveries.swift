import CounterSpec
import Level3Pure

/// How a breadth-first search first reached each state it found, by index: from which state,
/// and by which of that state's enabled choices (its position in `enabledChoices()`). Reading it
/// backwards from a state and replaying from the start gives a shortest path to it. (A position
/// is two bytes where a `Choice` is over a hundred: a search stores one per state.)
struct Discoveries {
  private var parents: [Int32] = [-1]  // the start has none
  private var positions: [UInt16] = [0]  // the start's is never read

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
