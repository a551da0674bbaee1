import Testing

@testable import CounterSpec

@Suite struct TraceParsingTests {
  let c0 = NodeID.client(ClientID(0))
  let c12 = NodeID.client(ClientID(12))
  let r1 = NodeID.replica(ReplicaID(1))

  /// One event of every kind, with and without time, including the awkward ones: a negative
  /// and a very late time, an empty note, a violation with and without replica and request.
  var everyKind: Trace {
    var trace = Trace()
    trace.append(.send(from: c0, to: r1, message: "increment c0#1"), at: 0)
    trace.append(.deliver(from: c0, to: r1, message: "increment c0#1"), at: 2_500)
    trace.append(.drop(from: r1, to: c0, message: "ack c0#1"), at: -1_500)
    trace.append(.drop(from: r1, to: c12, message: "sync [0,1] {c0#1}  [partition]"))
    trace.append(.duplicate(from: c12, to: r1, message: "increment c12#3"), at: 3_000)
    trace.append(.timer(c0, name: "retry c0#1/0"), at: 20_000)
    trace.append(.timer(r1, name: "gossip"))
    trace.append(.crash(ReplicaID(1)), at: 21_000)
    trace.append(.restart(ReplicaID(1)), at: 123_456_789_012)
    trace.append(.value(ReplicaID(1), -3))
    trace.append(.note(c0, "issues c0#2"), at: 7)
    trace.append(.note(nil, "clients done: network faults off, settling"))
    trace.append(.note(nil, ""), at: 1)
    trace.append(.note(nil, ""))
    trace.append(
      .violation(
        Violation(
          property: .noDoubleCounting, replica: ReplicaID(0),
          request: RequestID(
            client: ClientID(1), number: 3), step: 22, detail: "value 6 > 5 issued")), at: 31_000)
    trace.append(
      .violation(
        Violation(
          property: .convergence, replica: nil, request: nil, step: 9, detail: "a: b (c)")))
    return trace
  }

  @Test func emptyTextIsTheEmptyTrace() throws {
    #expect(try Trace(parsing: "") == Trace())
  }

  @Test func everyKindRoundTrips() throws {
    let trace = everyKind
    let parsed = try Trace(parsing: trace.text)
    #expect(parsed == trace)
    #expect(parsed.fingerprint == trace.fingerprint)
  }

  @Test func aMissingFinalNewlineIsAccepted() throws {
    let trace = everyKind
    #expect(try Trace(parsing: String(trace.text.dropLast())) == trace)
  }

  @Test(arguments: [
    ("     5.000ms  r0 <- zz  hi\n", "line 1: expected 'r0 <- NODE  MESSAGE'"),
    ("r0 -x c0  ack c0#1\n", "line 1: expected the line to end in '  (dropped)'"),
    ("c0 <- r1  ok\nr1  value = many\n", "line 2: expected a whole number after 'value = '"),
    (
      "!! nonsense\n",
      "line 1: expected '!! PROPERTY broken [on rN] at step N [(cN#N)]: DETAIL'"
    ),
    (
      "!! convergence broken on r0 at step x: y\n",
      "line 1: expected '!! PROPERTY broken [on rN] at step N [(cN#N)]: DETAIL'"
    ),
    (
      "!! convergence broken at step 3 (c0#x): y\n",
      "line 1: expected '!! PROPERTY broken [on rN] at step N [(cN#N)]: DETAIL'"
    ),
    ("r0  value = 1\r\n", "line 1: control character U+000D"),
    ("ok\nbad\u{0}\n", "line 2: control character U+0000"),
  ])
  func badLinesAreNamed(text: String, expected: String) {
    #expect(throws: TraceParseError.self) { try Trace(parsing: text) }
    do {
      _ = try Trace(parsing: text)
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test(arguments: ["r01  value = 1", "c-1 -> r0  x", "x0 <- r0  m", "r  value = 2"])
  func wordsThatAreNotNodesMakeANote(line: String) throws {
    #expect(try Trace(parsing: line + "\n") == Trace([TraceEvent(.note(nil, line))]))
  }
}
