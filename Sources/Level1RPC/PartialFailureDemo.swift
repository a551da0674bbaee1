import CounterSpec

/// Level 1's central demonstration: one logical `increment()` becomes 0, 1 or 2 increments.
///
/// For each failure point (`Fault`) and each client policy, it starts a fresh server and a fault
/// relay on 127.0.0.1, makes *one* increment call through the relay, and reports what the client
/// saw and what the server counted. The result of each row is the same in every run, on a busy
/// machine too: the relay is scripted, the client's timer on the faulted connection starts only
/// once the relay reports the fault (`TimeoutScript`), and the count is read after the relay and
/// the server have stopped. The tests,
/// the `workshop level1` command and the tour all run this same code.
public enum PartialFailureDemo {
  /// One case: a failure point, a policy, and what came of one increment.
  public struct Row: Equatable, Sendable {
    /// Where the first call was broken.
    public var fault: Fault
    /// Where the retries were broken, in order (the first retry meets `retryFaults[0]`); empty
    /// in the ten cases of `runAll`, where every retry gets through.
    public var retryFaults: [Fault] = []
    /// What the client did about it.
    public var policy: RetryPolicy
    /// What the client saw, attempt by attempt.
    public var report: CallReport
    /// How many increments the server applied for the one logical increment.
    public var serverCounted: Int
    /// What the shared `SpecChecker` says about the run, if it found a broken property.
    public var violation: Violation?

    /// Creates a row.
    public init(
      fault: Fault, policy: RetryPolicy, report: CallReport, serverCounted: Int,
      violation: Violation?
    ) {
      self.fault = fault
      self.policy = policy
      self.report = report
      self.serverCounted = serverCounted
      self.violation = violation
    }
  }

  /// The two policies every failure point is tried with: give up, and retry once.
  public static let policies: [RetryPolicy] = [.giveUp, .retry(times: 1)]

  /// The default timeout per attempt: short, so the ten cases take about a second.
  public static let defaultTimeout: Duration = .milliseconds(100)

  /// Runs every failure point with every policy, in table order (10 cases).
  /// - Throws: `RPCError` if a server or relay cannot start, `DemoError` if a case gets stuck.
  public static func runAll(timeout: Duration = defaultTimeout) throws -> [Row] {
    var rows: [Row] = []
    for fault in Fault.allCases {
      for policy in policies { rows.append(try run(fault, policy: policy, timeout: timeout)) }
    }
    return rows
  }

  /// Runs one case: one `increment()` through a relay that breaks it at `fault`.
  ///
  /// - Parameters:
  ///   - fault: where the first call breaks.
  ///   - policy: what the client does about a timeout or a broken connection.
  ///   - timeout: how long the client waits for each attempt.
  /// - Returns: what the client saw, what the server counted, and the checker's verdict.
  /// - Throws: `RPCError` if a server or relay cannot start, `DemoError` if the case gets stuck.
  public static func run(
    _ fault: Fault, policy: RetryPolicy, timeout: Duration = defaultTimeout
  ) throws -> Row {
    try run([fault], policy: policy, timeout: timeout, serverReplyDelay: .zero)
  }

  /// Runs one logical increment whose first attempts are each broken: attempt 1 at
  /// `faults[0]`, attempt 2 (the first retry) at `faults[1]`, and so on; later attempts pass.
  ///
  /// - Parameters:
  ///   - faults: one failure point per broken attempt, in order; at least one.
  ///   - policy: what the client does about a timeout or a broken connection.
  ///   - ledger: what the server consults for increments that carry a request ID.
  ///   - timeout: how long the client waits for each attempt.
  ///   - increment: makes the one logical increment on the client it is given (which retries
  ///     as `policy` says); by default a plain `call(.increment)`, without an ID. An `RPCError`
  ///     it throws means "the client gave up" and is part of the result; any other error stops
  ///     the case and is thrown on.
  /// - Returns: the last call's report, what the server counted, and the checker's verdict.
  /// - Throws: `RPCError` if a server or relay cannot start, `DemoError` if the case gets stuck
  ///   or `increment` made no call, or what `increment` threw.
  public static func run(
    _ faults: [Fault], policy: RetryPolicy, ledger: any IncrementLedger = CountEveryCall(),
    timeout: Duration = defaultTimeout,
    increment: (RemoteCounter) throws -> Void = { _ = $0.call(.increment) }
  ) throws -> Row {
    try run(
      faults, policy: policy, timeout: timeout, serverReplyDelay: .zero, ledger: ledger,
      increment: increment)
  }

  /// Runs one case against a server that waits `serverReplyDelay` after applying an increment
  /// before it replies. Tests use it to show that the table does not depend on how slow the
  /// server is, even when it is slower than the client's timeout.
  static func run(
    _ faults: [Fault], policy: RetryPolicy, timeout: Duration, serverReplyDelay: Duration,
    ledger: any IncrementLedger = CountEveryCall(),
    increment: (RemoteCounter) throws -> Void = { _ = $0.call(.increment) }
  ) throws -> Row {
    guard let fault = faults.first else { throw DemoError.noFault }
    let replica = ReplicaID(0)
    let log = ObservationLog()
    let counter = log.counter(for: replica)
    let server = try CounterServer(
      counter: counter, ledger: ledger, replyDelay: serverReplyDelay)
    defer { server.stop() }
    let relay = try FaultRelay(upstreamPort: server.port, faults: faults)
    defer { relay.stop() }
    // The client's timer on a faulted connection starts once the relay reports the fault, so
    // a busy machine cannot make it fire before the request was lost or the reply was dropped.
    let client = RemoteCounter(
      port: relay.port, timeout: timeout, policy: policy, script: relay.timeoutScript)
    defer { client.close() }

    // 1) one logical increment, however many attempts it takes
    let request = RequestID(client: ClientID(0), number: 1)
    log.append(.issued(request))
    do {
      try increment(client)
    } catch is RPCError {
      // The client gave up: the report below says how.
    }
    guard let report = client.lastReport else { throw DemoError.noCall }
    if report.result == .success(.done) { log.append(.acknowledged(request)) }

    // 2) wait for the faults to play out, so nothing can still change the count
    guard relay.waitUntilSettled(connections: report.attempts, atMost: .seconds(10))
    else {
      throw DemoError.faultDidNotSettle(fault)
    }

    // 3) stop the relay, then the server: each waits for its threads, so every request that
    // reached the server has been applied before the count is read
    client.close()
    relay.stop()
    server.stop()
    let counted = counter.value()
    log.append(.read(replica, value: counted))
    let violation = SpecChecker.check(log.observations, replicas: 1, finalValues: [counted])
    var row = Row(
      fault: fault, policy: policy, report: report, serverCounted: counted, violation: violation)
    row.retryFaults = Array(faults.dropFirst())
    return row
  }

  /// The sorted, distinct counts of `rows`, for example `[0, 1, 2]`.
  public static func distinctCounts(_ rows: [Row]) -> [Int] {
    Array(Set(rows.map(\.serverCounted))).sorted()
  }
}
