import Testing

@testable import CounterSpec

@Suite struct TraceTests {
  let c0 = NodeID.client(ClientID(0))
  let r1 = NodeID.replica(ReplicaID(1))

  var sample: Trace {
    var trace = Trace()
    trace.append(.send(from: c0, to: r1, message: "increment c0#1"), at: 0)
    trace.append(.deliver(from: c0, to: r1, message: "increment c0#1"), at: 2_500)
    trace.append(.drop(from: r1, to: c0, message: "ack c0#1"), at: 2_500)
    trace.append(.duplicate(from: c0, to: r1, message: "increment c0#1"), at: 3_000)
    trace.append(.timer(c0, name: "timeout c0#1"), at: 20_000)
    trace.append(.crash(ReplicaID(1)), at: 21_000)
    trace.append(.restart(ReplicaID(1)), at: 1_234_567)
    trace.append(.value(ReplicaID(1), 1))
    trace.append(.note(nil, "settling"))
    return trace
  }

  @Test func textHasOneStableLinePerEvent() {
    let expected = [
      "     0.000ms  c0 -> r1  increment c0#1",
      "     2.500ms  r1 <- c0  increment c0#1",
      "     2.500ms  r1 -x c0  ack c0#1  (dropped)",
      "     3.000ms  c0 => r1  increment c0#1  (duplicated)",
      "    20.000ms  c0  timer timeout c0#1 fired",
      "    21.000ms  r1  CRASH (volatile state lost)",
      "  1234.567ms  r1  restart (state from disk)",
      "r1  value = 1",
      "settling",
    ].map { $0 + "\n" }.joined()
    #expect(sample.text == expected)
  }

  @Test func fingerprintIsFNV1aOfText() {
    #expect(Trace.fnv1a("") == 0xcbf2_9ce4_8422_2325)
    #expect(Trace.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)  // the published FNV-1a test vector
    #expect(sample.fingerprint == Trace.fnv1a(sample.text))
    #expect(sample.fingerprintHex.count == 16)
    #expect(Trace.hex(0xab) == "00000000000000ab")
  }

  @Test func anyChangeChangesTheFingerprint() {
    var other = sample
    other.events.swapAt(0, 1)
    #expect(other.fingerprint != sample.fingerprint)
  }

  @Test func violationIsFoundInTheTrace() {
    var trace = sample
    #expect(trace.violation == nil)
    let violation = Violation(
      property: .convergence, replica: ReplicaID(2), request: nil, step: 9, detail: "x")
    trace.append(.violation(violation))
    #expect(trace.violation == violation)
    #expect(trace.events.last?.text == "!! convergence broken on r2 at step 9: x")
  }
}

@Suite struct ScenarioTests {
  @Test func defaultScenarioIsValidAndDescribed() {
    #expect(Scenario.default.validate() == nil)
    #expect(
      Scenario.default.description
        == "3 replicas, 2 clients x 3 increments, delay 1-8 ms, drop 10%, duplicate 5%, seed 7")
  }

  @Test func retriesGoToTheNextReplica() {
    let scenario = Scenario.default
    #expect(
      (0..<4).map { scenario.target(of: ClientID(1), attempt: $0) }
        == [ReplicaID(1), ReplicaID(2), ReplicaID(0), ReplicaID(1)])
  }

  @Test(arguments: [
    (Scenario(replicas: 0), "replicas must be 1...8, got 0"),
    (Scenario(incrementsPerClient: 65), "increments per client must be 0...64, got 65"),
    (Scenario(dropRate: 1.5), "drop rate must be within 0...1, got 1.5"),
  ])
  func badNumbersAreRejected(scenario: Scenario, reason: String) {
    #expect(scenario.validate() == reason)
  }
}
