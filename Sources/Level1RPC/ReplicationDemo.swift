import CounterSpec

/// Level 1 replication breaks: a lost backup reply plus a retry makes the replicas diverge.
///
/// A client increments a `PrimaryCounter` once. The primary (r0) applies it and forwards it to a
/// backup (r1) through a `FaultRelay` that loses the backup's first reply. The primary's proxy
/// times out and retries, the backup applies the increment again, and the client is told "done".
/// Result: primary 1, backup 2, in every run.
public enum ReplicationDemo {
  /// What one run produced.
  public struct Outcome: Equatable, Sendable {
    /// What the client of the primary saw.
    public var report: CallReport
    /// The primary's (r0) final value.
    public var primaryCounted: Int
    /// The backup's (r1) final value.
    public var backupCounted: Int
    /// Every property the shared `SpecChecker` found broken, one per property, in order.
    public var violations: [Violation]

    /// Creates an outcome.
    public init(
      report: CallReport, primaryCounted: Int, backupCounted: Int, violations: [Violation]
    ) {
      self.report = report
      self.primaryCounted = primaryCounted
      self.backupCounted = backupCounted
      self.violations = violations
    }

    /// One line, for example `primary r0 counted 1, backup r1 counted 2: replicas diverged`.
    public var summary: String {
      let verdict = primaryCounted == backupCounted ? "replicas agree" : "replicas diverged"
      return "primary r0 counted \(primaryCounted), backup r1 counted \(backupCounted): \(verdict)"
    }
  }

  /// Runs the scenario once.
  /// - Parameters:
  ///   - backupFault: what happens to the primary's first call to the backup; `nil` for none
  ///     (the control run: replicas agree).
  ///   - timeout: how long the primary waits for the backup on each attempt.
  /// - Throws: `RPCError` if a server or relay cannot start, `DemoError` if the run gets stuck.
  public static func run(
    backupFault: Fault? = .replyLost, timeout: Duration = PartialFailureDemo.defaultTimeout
  ) throws -> Outcome {
    let (primaryID, backupID) = (ReplicaID(0), ReplicaID(1))
    let log = ObservationLog()
    let (primaryLocal, backupLocal) = (log.counter(for: primaryID), log.counter(for: backupID))
    let backup = try CounterServer(counter: backupLocal)
    defer { backup.stop() }
    let relay = try FaultRelay(upstreamPort: backup.port, firstCall: backupFault)
    defer { relay.stop() }
    // The primary's timer on the faulted connection starts once the relay reports the fault.
    let toBackup = RemoteCounter(
      port: relay.port, timeout: timeout, policy: .retry(times: 1), script: relay.timeoutScript)
    defer { toBackup.close() }
    let primaryCounter = PrimaryCounter(local: primaryLocal, backups: [toBackup])
    let primary = try CounterServer(counter: primaryCounter)
    defer { primary.stop() }
    // The client talks to the primary directly, with no fault in between: it waits for the
    // primary's answer, which comes after the primary's retries.
    let client = RemoteCounter(
      port: primary.port, timeout: timeout, policy: .giveUp, script: .noFaults)
    defer { client.close() }

    let request = RequestID(client: ClientID(0), number: 1)
    log.append(.issued(request))
    let report = client.call(.increment)
    if report.result == .success(.done) { log.append(.acknowledged(request)) }
    if let backupFault, !relay.waitUntilFirstCallSettled(atMost: .seconds(10)) {
      throw DemoError.faultDidNotSettle(backupFault)
    }
    // Stop everything, from the client's end to the backup's: each stop waits for its threads,
    // so every increment that reached a replica has been applied before the counts are read.
    client.close()
    primary.stop()
    toBackup.close()
    relay.stop()
    backup.stop()
    let (primaryCounted, backupCounted) = (primaryLocal.value(), backupLocal.value())
    log.append(.read(primaryID, value: primaryCounted))
    log.append(.read(backupID, value: backupCounted))

    var checker = SpecChecker(replicas: 2)
    var violations: [Violation] = []
    for observation in log.observations {
      if let violation = checker.record(observation),
        !violations.contains(where: { $0.property == violation.property })
      {
        violations.append(violation)
      }
    }
    if let violation = checker.finish(finalValues: [primaryCounted, backupCounted]) {
      violations.append(violation)
    }
    return Outcome(
      report: report, primaryCounted: primaryCounted, backupCounted: backupCounted,
      violations: violations)
  }
}
