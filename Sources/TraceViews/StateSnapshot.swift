import CounterSpec

/// Every node's state at one moment of a run, as lines of text to show beside the trace: what
/// the HTML page's state inspector prints for the event it is at.
///
/// A renderer of traces knows nothing about replicas, so whoever can rebuild the states (the
/// `Stepper` module replays the run's choices through a cluster) hands them over as lines.
public struct StateSnapshot: Equatable, Sendable {
  /// One line of the snapshot.
  public struct Line: Equatable, Sendable {
    /// The text.
    public var text: String
    /// A section heading (`replicas`, `clients`, ...).
    public var isHeading: Bool
    /// Part of what makes the violation a violation: drawn highlighted.
    public var isHighlighted: Bool

    /// Creates a line.
    public init(_ text: String, isHeading: Bool = false, isHighlighted: Bool = false) {
      self.text = text
      self.isHeading = isHeading
      self.isHighlighted = isHighlighted
    }
  }

  /// The lines, in order.
  public var lines: [Line]

  /// Creates a snapshot.
  public init(_ lines: [Line]) { self.lines = lines }
}
