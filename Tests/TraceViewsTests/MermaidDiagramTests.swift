import CounterSpec
import Testing

@testable import TraceViews

@Suite struct MermaidDiagramTests {
  let c0 = NodeID.client(ClientID(0))
  let r1 = NodeID.replica(ReplicaID(1))

  @Test(arguments: [
    ("increment c0#1", "increment c0#35;1"),
    ("a; b", "a#59; b"),
    ("value 5 > 4 <b>", "value 5 #gt; 4 #lt;b#gt;"),
    ("#35;", "#35;35#59;"),
    ("plain {c0,c1} [0,1]: ok", "plain {c0,c1} [0,1]: ok"),
  ])
  func escapesWhatMermaidWouldMisread(text: String, expected: String) {
    #expect(MermaidDiagram.escape(text) == expected)
  }

  @Test func everyKindHasItsStatement() {
    var trace = Trace()
    trace.append(.deliver(from: c0, to: r1, message: "increment c0#1"))
    trace.append(.drop(from: r1, to: c0, message: "ack c0#1"))
    trace.append(.duplicate(from: c0, to: r1, message: "increment c0#1"))
    trace.append(.send(from: c0, to: r1, message: "m"))
    trace.append(.timer(c0, name: "retry c0#1/0"))
    trace.append(.crash(ReplicaID(1)))
    trace.append(.restart(ReplicaID(1)))
    trace.append(.note(nil, "settling"))
    trace.append(.value(ReplicaID(1), 2))
    trace.append(
      .violation(
        Violation(property: .convergence, replica: nil, request: nil, step: 3, detail: "x")))
    let expected = """
      sequenceDiagram
        %% 10 events, fingerprint \(trace.fingerprintHex)
        participant c0
        participant r1
        c0->>r1: increment c0#35;1
        r1-xc0: ack c0#35;1  (dropped)
        c0-->>r1: 2x increment c0#35;1
        c0-)r1: send m
        Note over c0: timer retry c0#35;1/0
        Note over r1: CRASH (volatile state lost)
        Note over r1: restart (state from disk)
        Note over c0,r1: settling
        rect rgb(255, 235, 200)
          Note over r1: value = 2
        end
        rect rgb(255, 190, 190)
          Note over c0,r1: !! convergence broken: x
        end

      """
    #expect(MermaidDiagram().render(trace) == expected)
  }

  @Test func noRawHashOrSemicolonReachesAStatement() {
    for line in MermaidDiagram().render(level3Seed1()).split(separator: "\n")
    where !line.hasPrefix("  %%") {
      let stripped = line.replacing("#35;", with: "").replacing("#59;", with: "")
        .replacing("#gt;", with: "").replacing("#lt;", with: "")
      #expect(!stripped.contains("#") && !stripped.contains(";"), "\(line)")
    }
  }
}
