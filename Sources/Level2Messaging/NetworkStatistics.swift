/// Counts of what a network did with the messages it was given.
///
/// Handy in tests (a drop rate of 1 drops everything) and in the course text (how lossy a run
/// really was).
public struct NetworkStatistics: Equatable, Sendable {
  /// Messages handed to `send`.
  public var sent = 0
  /// Copies put into a mailbox (duplicates count twice).
  public var delivered = 0
  /// Messages lost on purpose, or sent to a node nobody registered.
  public var dropped = 0
  /// Messages the network decided to deliver twice.
  public var duplicated = 0
  /// Copies still in flight when the network shut down, never delivered.
  public var discarded = 0

  /// Creates all-zero statistics.
  public init() {}
}
