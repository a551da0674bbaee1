import CounterSpec

/// What the in-process network does to each message: how long it takes, and how it goes wrong.
///
/// Kept apart from `Scenario` so the network does not depend on the counter's workload, but built
/// from one in a line, so every level draws the same kinds of faults from the same numbers.
public struct NetworkFaults: Equatable, Sendable {
  /// Delay of each message in milliseconds, drawn uniformly; different delays reorder messages.
  public var delayMs: ClosedRange<Int>
  /// Probability that a message is lost.
  public var dropRate: Double
  /// Probability that a message is delivered twice (each copy with its own delay).
  public var duplicateRate: Double

  /// Creates a fault model.
  public init(delayMs: ClosedRange<Int>, dropRate: Double, duplicateRate: Double) {
    self.delayMs = delayMs
    self.dropRate = dropRate
    self.duplicateRate = duplicateRate
  }

  /// The delays, drops and duplicates of `scenario`.
  public init(_ scenario: Scenario) {
    self.init(
      delayMs: scenario.delayMs, dropRate: scenario.dropRate,
      duplicateRate: scenario.duplicateRate)
  }
}
