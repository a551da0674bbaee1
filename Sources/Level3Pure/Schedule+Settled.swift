import CounterSpec

extension Schedule {
  /// This schedule with the choices of a fault-free settle (`Cluster.settle()`) appended, when
  /// its replay breaks nothing without them.
  ///
  /// The explorer and the shrinker keep a convergence counterexample short by settling after
  /// the replay; a hand stepper has no such step, so a schedule saved for it carries the
  /// settling choices, and then the end-of-run check finds the violation.
  public func settled<R: CounterReplica>(_: R.Type) -> Schedule {
    var cluster = Cluster<R>(scenario: scenario, recordsTrace: false)
    var applied: [Choice] = []
    for choice in choices where cluster.violation == nil {
      if let used = cluster.apply(choice) { applied.append(used) }
    }
    guard cluster.violation == nil else { return self }
    applied += cluster.settle()
    return Schedule(scenario: scenario, protocolName: protocolName, choices: applied)
  }
}
