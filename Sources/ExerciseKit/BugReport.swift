import CounterSpec
import Level3Pure

/// Your answer to a bug hunt (Exercises 3.4-3.6): the run that broke the mystery replica (a
/// scenario with its seed), and its story shrunk to the choices that matter.
public struct BugReport: Sendable {
  /// The run: cluster size, fault rates and seed. `Checks.bugHuntScenario` is a start; some bugs
  /// need other numbers.
  public var run: Scenario
  /// The same failure as a short schedule (a cluster of any size, and its choices).
  public var shrunk: Schedule

  /// Creates a report.
  public init(run: Scenario, shrunk: Schedule) {
    self.run = run
    self.shrunk = shrunk
  }
}
