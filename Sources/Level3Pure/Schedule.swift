import CounterSpec

/// An explicit run: the cluster, the protocol design, and every scheduling choice in order.
///
/// The common currency of Levels 3 and 4. The explorer emits one as its shortest
/// counterexample, `Schedule(trace:scenario:design:)` extracts one from a simulator run, the
/// shrinker deletes choices from one, and `ScheduledRun` replays any of them.
public struct Schedule: Equatable, Sendable {
  /// The cluster: replicas, clients, increments per client and attempts per increment are
  /// used; timing and fault rates are not (the choices replace them).
  public var scenario: Scenario
  /// The protocol design the replicas run.
  public var design: Replica.Design
  /// The choices, in the order they are made.
  public var choices: [Choice]

  /// Creates a schedule.
  public init(scenario: Scenario, design: Replica.Design, choices: [Choice]) {
    self.scenario = scenario
    self.design = design
    self.choices = choices
  }

  /// Replays the schedule and returns its outcome.
  public func run() -> ScheduledRun.Outcome {
    var run = ScheduledRun(scenario: scenario, design: design)
    return run.play(choices)
  }
}
