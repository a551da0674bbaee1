import CounterSpec
import Testing

@testable import Level1RPC

/// One row of the Level 1 table, as the tests expect it.
struct ExpectedCase: Sendable, CustomTestStringConvertible {
  let fault: Fault
  let policy: RetryPolicy
  /// Errors of the failed attempts, in order.
  let failures: [RPCError]
  /// Whether the client ends with "done".
  let acknowledged: Bool
  /// What the server counted for the one logical increment.
  let counted: Int

  var testDescription: String { "\(fault), \(policy) -> \(counted)" }

  /// The report the client must see.
  var report: CallReport {
    CallReport(
      request: .increment, failures: failures,
      result: acknowledged ? .success(.done) : .failure(failures.last ?? .timedOut))
  }
}

@Suite(.timeLimit(.minutes(1))) struct PartialFailureTests {
  /// The demo's own 100 ms: its timers start when the relay reports the fault, so a busy machine
  /// running other suites in parallel cannot turn a "connection reset" into a timeout.
  static let timeout = PartialFailureDemo.defaultTimeout

  static let table: [ExpectedCase] = [
    .init(
      fault: .requestLost, policy: .giveUp, failures: [.timedOut], acknowledged: false, counted: 0),
    .init(
      fault: .requestLost, policy: .retry(times: 1), failures: [.timedOut], acknowledged: true,
      counted: 1),
    .init(
      fault: .replyLost, policy: .giveUp, failures: [.timedOut], acknowledged: false, counted: 1),
    .init(
      fault: .replyLost, policy: .retry(times: 1), failures: [.timedOut], acknowledged: true,
      counted: 2),
    .init(
      fault: .replyLate, policy: .giveUp, failures: [.timedOut], acknowledged: false, counted: 1),
    .init(
      fault: .replyLate, policy: .retry(times: 1), failures: [.timedOut], acknowledged: true,
      counted: 2),
    .init(
      fault: .cutBeforeApply, policy: .giveUp, failures: [.connectionReset], acknowledged: false,
      counted: 0),
    .init(
      fault: .cutBeforeApply, policy: .retry(times: 1), failures: [.connectionReset],
      acknowledged: true, counted: 1),
    .init(
      fault: .cutAfterApply, policy: .giveUp, failures: [.connectionReset], acknowledged: false,
      counted: 1),
    .init(
      fault: .cutAfterApply, policy: .retry(times: 1), failures: [.connectionReset],
      acknowledged: true, counted: 2),
  ]

  @Test(arguments: table)
  func oneIncrementCountsWhatTheFailurePointDictates(_ expected: ExpectedCase) throws {
    let row = try PartialFailureDemo.run(
      expected.fault, policy: expected.policy, timeout: Self.timeout)
    #expect(row.serverCounted == expected.counted)
    #expect(row.report == expected.report)
    // Only a double count breaks the spec; a lost unacknowledged increment does not.
    #expect(row.violation?.property == (expected.counted == 2 ? .noDoubleCounting : nil))
  }

  /// The same rows when the server takes longer to reply than the client waits: no row depends
  /// on the server or the relay winning a race against the client's timer.
  @Test(arguments: table)
  func aServerSlowerThanTheTimeoutChangesNothing(_ expected: ExpectedCase) throws {
    let row = try PartialFailureDemo.run(
      [expected.fault], policy: expected.policy, timeout: .milliseconds(50),
      serverReplyDelay: .milliseconds(120))
    #expect(row.serverCounted == expected.counted)
    #expect(row.report == expected.report)
  }

  @Test func retryAfterLostReplyCountsTwice() throws {
    let row = try PartialFailureDemo.run(
      .replyLost, policy: .retry(times: 1), timeout: Self.timeout)
    #expect(row.serverCounted == 2)
    #expect(row.clientSaw == "ok after 1 retry (timeout)")
    #expect(
      row.violation
        == Violation(
          property: .noDoubleCounting, replica: ReplicaID(0), request: nil, step: 3,
          detail: "value 2 > 1 issued"))
  }

  @Test func theTableCoversEveryFailurePointWithBothPolicies() {
    let covered = Self.table.map { "\($0.fault) / \($0.policy)" }
    let all = Fault.allCases.flatMap { fault in
      PartialFailureDemo.policies.map { "\(fault) / \($0)" }
    }
    #expect(covered == all)
  }

  @Test func demoTurnsOneIncrementIntoZeroOneOrTwo() throws {
    let rows = try PartialFailureDemo.runAll()
    #expect(rows.map(\.serverCounted) == Self.table.map(\.counted))
    #expect(rows.map(\.report) == Self.table.map(\.report))
    #expect(PartialFailureDemo.distinctCounts(rows) == [0, 1, 2])
    #expect(
      PartialFailureDemo.summary(rows)
        == "level1: one increment() became {0, 1, 2} increments across 10 cases")
  }

  @Test func tableAlignsItsColumns() {
    let ok = CallReport(request: .increment, failures: [], result: .success(.done))
    let rows = [
      PartialFailureDemo.Row(
        fault: .replyLost, policy: .giveUp, report: ok, serverCounted: 1, violation: nil),
      PartialFailureDemo.Row(
        fault: .cutBeforeApply, policy: .retry(times: 1), report: ok, serverCounted: 12,
        violation: nil),
    ]
    #expect(
      PartialFailureDemo.table(rows) == [
        "failure point     policy    client saw  server counted  verdict",
        "----------------  --------  ----------  --------------  -------",
        "reply lost        give up   ok                       1  ok",
        "cut before apply  retry x1  ok                      12  ok",
      ])
    #expect(
      PartialFailureDemo.summary(rows)
        == "level1: one increment() became {1, 12} increments across 2 cases")
  }
}
