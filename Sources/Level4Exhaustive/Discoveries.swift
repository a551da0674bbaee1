import CounterSpec
import Level3Pure

/// How a breadth-first search first reached each state it found, by index: from which state and
/// by which choice. Reading it backwards from a state gives a shortest path to it.
struct Discoveries {
  private var parents: [Int32] = [-1]  // the start has none
  private var via: [Choice] = [.heal]  // the start's is never read

  /// State `count` (the next index) was first reached from state `parent` by `choice`.
  mutating func found(from parent: Int, by choice: Choice) {
    parents.append(Int32(parent))
    via.append(choice)
  }

  /// The choices that lead from the start to state `index`, in order.
  func path(to index: Int) -> [Choice] {
    var choices: [Choice] = []
    var current = index
    while current > 0 {
      choices.append(via[current])
      current = Int(parents[current])
    }
    return choices.reversed()
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
