import CounterSpec
import Level3Pure

/// What an exhaustive exploration found.
public struct Exploration: Equatable, Sendable {
  /// A broken property, reached by a shortest schedule.
  public struct Counterexample: Equatable, Sendable {
    /// The property that broke.
    public let property: Property
    /// The checker's verdict, names included.
    public let violation: Violation
    /// The breadth-first depth of the state where it was found: no schedule within the bounds
    /// reaches a violating state (or, for convergence, a quiet state that does not settle) in
    /// fewer choices.
    public let depth: Int
    /// The choices, ready to replay with `Schedule.replay(_:settling:)`.
    public let schedule: Schedule
    /// Whether the violation showed only in the fault-free settle of a quiet state (then the
    /// schedule ends with the settling choices, and a replay must settle to see the verdict).
    public let settles: Bool
  }

  /// The bounds explored.
  public let bounds: Bounds
  /// The protocol explored.
  public let protocolName: String
  /// Distinct states reached (the initial one included).
  public let states: Int
  /// Transitions taken, counting those that led to an already visited state.
  public let transitions: Int
  /// The deepest breadth-first level reached.
  public let depth: Int
  /// States where convergence was decided: every client done, nothing in flight, no write
  /// pending; each was settled without faults and had to agree.
  public let quietStates: Int
  /// Whether the search stopped at its state limit before visiting everything.
  public let isTruncated: Bool
  /// The shortest counterexample, if any state broke a property.
  public let counterexample: Counterexample?

  /// What the search checks, and where: one line each.
  public static let checks = [
    "no double counting: on every state (no value above the distinct increments issued)",
    "no lost acknowledged increment: on every state (each acked request in a running replica's "
      + "memory, a crashed replica's disk, or a message in flight)",
    "convergence: on every quiet state (clients done, nothing in flight, no write pending), "
      + "after a fault-free settle: crashed replicas restart, messages and writes drain, gossip "
      + "fires round by round until the replicas agree",
  ]

  /// `violation at depth 5` or `no violation`.
  public var verdict: String {
    if let counterexample { return "violation at depth \(counterexample.depth)" }
    return isTruncated ? "no violation in the part explored (state limit hit)" : "no violation"
  }
}
