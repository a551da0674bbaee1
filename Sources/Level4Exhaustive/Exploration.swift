import CounterSpec
import Level3Pure

/// What an exhaustive exploration found.
public struct Exploration: Equatable, Sendable {
  /// A broken property, reached by the shortest possible schedule.
  public struct Counterexample: Equatable, Sendable {
    /// The property that broke.
    public let property: Property
    /// The number of choices on the way: no schedule within the bounds is shorter.
    public let depth: Int
    /// The choices, ready to replay in `ScheduledRun`.
    public let schedule: Schedule
  }

  /// The bounds explored.
  public let bounds: Bounds
  /// Distinct global states reached (the initial one included).
  public let states: Int
  /// Transitions taken, counting those that led to an already visited state.
  public let transitions: Int
  /// The deepest breadth-first level reached.
  public let depth: Int
  /// Whether the search stopped at its state limit before visiting everything.
  public let isTruncated: Bool
  /// The shortest counterexample, if any state broke a property.
  public let counterexample: Counterexample?
  /// Words in one encoded state: the memory cost of a state, besides its parent link.
  public let wordsPerState: Int

  /// `violation at depth 5` or `no violation`.
  public var verdict: String {
    if let counterexample { return "violation at depth \(counterexample.depth)" }
    return isTruncated ? "no violation in the part explored (state limit hit)" : "no violation"
  }
}
