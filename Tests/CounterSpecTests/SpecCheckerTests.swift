import Testing

@testable import CounterSpec

@Suite struct SpecCheckerTests {
  let r0 = ReplicaID(0)
  let r1 = ReplicaID(1)
  let first = RequestID(client: ClientID(0), number: 1)
  let second = RequestID(client: ClientID(0), number: 2)

  @Test func emptyHistoryKeepsEveryProperty() {
    #expect(SpecChecker.check([], replicas: 3) == nil)
  }

  @Test func correctHistoryPasses() {
    let history: [Observation] = [
      .issued(first), .valueChanged(r0, to: 1, cause: first), .acknowledged(first),
      .valueChanged(r1, to: 1, cause: nil), .read(r1, value: 1),
    ]
    #expect(SpecChecker.check(history, replicas: 2) == nil)
  }

  @Test func valueAboveIssuedIsDoubleCounting() {
    let history: [Observation] = [
      .issued(first), .valueChanged(r0, to: 1, cause: first),
      .valueChanged(r0, to: 2, cause: first),
    ]
    let expected = Violation(
      property: .noDoubleCounting, replica: r0, request: first, step: 3,
      detail: "c0#1 applied by r0 and by r0, value 2 > 1 issued")
    #expect(SpecChecker.check(history, replicas: 1) == expected)
    #expect(
      expected.description
        == "no double counting broken on r0 at step 3 (c0#1): c0#1 applied by r0 and by r0, "
        + "value 2 > 1 issued")
  }

  @Test func checkersVerdictReadsItsDetailWhenAsked() throws {
    // The checker keeps its numbers and builds the text when read: the same text, and equal
    // to (or different from) a violation made from text, by that text.
    let history: [Observation] = [
      .issued(first), .valueChanged(r0, to: 1, cause: first),
      .valueChanged(r1, to: 2, cause: first),
    ]
    let verdict = try #require(SpecChecker.check(history, replicas: 2))
    #expect(verdict.detail == "c0#1 applied by r0 and by r1, value 2 > 1 issued")
    #expect(
      verdict.description
        == "no double counting broken on r1 at step 3 (c0#1): c0#1 applied by r0 and by r1, "
        + "value 2 > 1 issued")
    let other = Violation(
      property: .noDoubleCounting, replica: r1, request: first, step: 3,
      detail: "c0#1 applied by r0 and by r0, value 2 > 1 issued")
    #expect(verdict != other)
    let plain = try #require(SpecChecker.check([.issued(first), .read(r1, value: 3)], replicas: 2))
    #expect(plain.descriptionWithoutStep == "no double counting broken on r1: read 3 > 1 issued")
  }

  @Test func readAboveIssuedIsDoubleCounting() {
    let history: [Observation] = [.issued(first), .read(r1, value: 2)]
    #expect(
      SpecChecker.check(history, replicas: 2)
        == Violation(
          property: .noDoubleCounting, replica: r1, request: nil, step: 2,
          detail: "read 2 > 1 issued"))
  }

  @Test func retriesOfOneRequestIssueItOnce() {
    // Issuing the same request twice (a retry) must not raise the allowance.
    let history: [Observation] = [
      .issued(first), .issued(first), .valueChanged(r0, to: 2, cause: first),
    ]
    #expect(SpecChecker.check(history, replicas: 1)?.property == .noDoubleCounting)
  }

  @Test func acknowledgedButUncountedIsLost() {
    let history: [Observation] = [
      .issued(first), .issued(second), .valueChanged(r0, to: 1, cause: first),
      .acknowledged(first), .acknowledged(second),
    ]
    #expect(
      SpecChecker.check(history, replicas: 1)
        == Violation(
          property: .noLostAcknowledgedIncrement, replica: r0, request: nil, step: 5,
          detail: "value 1 < 2 acknowledged"))
  }

  @Test func replicasThatDisagreeDoNotConverge() {
    let history: [Observation] = [.issued(first), .valueChanged(r0, to: 1, cause: first)]
    #expect(
      SpecChecker.check(history, replicas: 2)
        == Violation(
          property: .convergence, replica: r1, request: nil, step: 2,
          detail: "value 0 but r0 has 1"))
  }

  @Test func finalValuesOverrideRecordedOnes() {
    let history: [Observation] = [.issued(first), .valueChanged(r0, to: 1, cause: first)]
    #expect(SpecChecker.check(history, replicas: 2, finalValues: [1, 1]) == nil)
  }

  @Test func unacknowledgedIncrementMayBeLost() {
    // Issued but never acknowledged: counting it is allowed, and so is not counting it.
    #expect(SpecChecker.check([.issued(first)], replicas: 2) == nil)
  }
}
