import CounterSpec

extension Cluster {
  /// Sets the broken property aside, so the cluster applies choices again: what a hand stepper
  /// does when the learner asks to go on past a violation.
  ///
  /// The checker keeps its history, so a later step that breaks a property again is reported
  /// again. No tool that searches or replays calls this: for them the first violation ends the
  /// run.
  public mutating func setViolationAside() {
    violation = nil
  }
}
