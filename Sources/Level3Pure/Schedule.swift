import CounterSpec

/// An explicit run: the cluster's numbers, the protocol's name, and every choice in order.
///
/// The common currency of Levels 3 and 4. The simulator records one as it runs, the explorer
/// emits one as its shortest counterexample, the shrinker deletes choices from one, and
/// `replay(_:)` applies any of them to a fresh `Cluster`.
public struct Schedule: Equatable, Sendable {
  /// The cluster: replicas, clients, increments per client, attempts per increment and the
  /// timeouts are used; fault rates are not (the choices replace them).
  public var scenario: Scenario
  /// The name of the protocol it was made with (`CounterReplica.protocolName`).
  public var protocolName: String
  /// The choices, in the order they are made.
  public var choices: [Choice]

  /// Creates a schedule.
  public init(scenario: Scenario, protocolName: String, choices: [Choice]) {
    self.scenario = scenario
    self.protocolName = protocolName
    self.choices = choices
  }

  /// What a replay produced.
  public struct Replay: Equatable, Sendable {
    /// The first broken property, if any (the replay stops there).
    public let violation: Violation?
    /// The story of the replay, in the simulator's format (without times: a schedule has none).
    public let trace: Trace
    /// The choices that applied, in order, up to the violation: the schedule's essential part.
    public let applied: [Choice]
    /// How many choices were skipped because they did not apply.
    public let skipped: Int
    /// Each replica's value at the end (a crashed replica's value from its disk).
    public let finalValues: [Int]
  }

  /// Replays the choices on a fresh cluster of `R` replicas, stopping at the first violation.
  /// - Parameter settling: after the last choice, let the cluster settle without faults and
  ///   check convergence (`Cluster.settle()`); the settling choices are not in `applied`.
  public func replay<R: CounterReplica>(_: R.Type, settling: Bool = false) -> Replay {
    var cluster = Cluster<R>(scenario: scenario)
    var trace = Trace()
    for kind in cluster.events { trace.append(kind) }
    var applied: [Choice] = []
    var skipped = 0
    for choice in choices {
      guard !cluster.isBroken else { break }
      if let used = cluster.apply(choice) {
        applied.append(used)
        for kind in cluster.events { trace.append(kind) }
      } else {
        skipped += 1
      }
    }
    if settling, !cluster.isBroken {
      // Shown only when it ends in a violation: a clean settle is not part of the story.
      var settled = cluster
      var story = Trace([TraceEvent(.note(nil, "faults stop: the cluster settles"))])
      settled.settle { events in
        for kind in events { story.append(kind) }
      }
      if settled.violation != nil {
        trace.events += story.events
        cluster = settled
      }
    }
    return Replay(
      violation: cluster.violation, trace: trace, applied: applied, skipped: skipped,
      finalValues: cluster.values)
  }
}
