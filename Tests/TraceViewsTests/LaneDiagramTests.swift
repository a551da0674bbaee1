import CounterSpec
import Level3Pure
import Testing

@testable import TraceViews

@Suite struct LaneDiagramTests {
  let c0 = NodeID.client(ClientID(0))
  let r0 = NodeID.replica(ReplicaID(0))
  let r2 = NodeID.replica(ReplicaID(2))

  @Test func emptyTraceHasAHeaderAndALegend() {
    let text = LaneDiagram().render(Trace())
    #expect(text.hasPrefix("0 events, fingerprint cbf29ce484222325, no violation\n"))
    #expect(text.contains("legend: "))
  }

  @Test func lanesComeFromTheTraceSortedClientsFirst() {
    var trace = Trace()
    trace.append(.deliver(from: r2, to: c0, message: "ack"), at: 0)
    trace.append(.value(ReplicaID(0), 1), at: 0)
    #expect(TraceLayout(trace).lanes == [c0, r0, r2])
    let lines = LaneDiagram().render(trace).split(separator: "\n")
    #expect(lines[1] == "        time    c0     r0     r2")
    #expect(lines[2] == "     0.000ms    ◀──────┼──────┤     ack")
    #expect(lines[3] == "                │     [1]     │     r0 value = 1")
  }

  @Test func everyMarkHasItsOwnShape() {
    var trace = Trace()
    trace.append(.drop(from: c0, to: r2, message: "m"))
    trace.append(.duplicate(from: r2, to: r0, message: "m"))
    trace.append(.send(from: r0, to: r2, message: "m"))
    trace.append(.timer(r0, name: "gossip"))
    trace.append(.crash(ReplicaID(2)))
    trace.append(.restart(ReplicaID(2)))
    trace.append(.note(c0, "issues c0#1"))
    trace.append(.deliver(from: r0, to: r0, message: "self"))
    let rows = LaneDiagram().render(trace).split(separator: "\n").dropFirst(2).prefix(8)
    #expect(
      Array(rows) == [
        "     #1    ├╌╌╌╌╌╌┼╌╌╌╌╌x│     m  (dropped)",
        "     #2    │      ◀══════╡     2x m",
        "     #3    │      ├──────▷     send m",
        "     #4    │      T      │     timer gossip",
        "     #5    │      │      ✗     r2 CRASH (volatile state lost)",
        "     #6    │      │      ↻     r2 restart (state from disk)",
        "     #7    *      │      │     issues c0#1",
        "     #8    │      ↺      │     self",
      ])
  }

  @Test func theViolationIsMarkedAndTheStepThatBrokeIt() {
    let lines = LaneDiagram().render(level3Seed1()).split(separator: "\n")
    let marked = lines.filter { $0.hasPrefix("!!") || $0.hasPrefix(">>") }
    #expect(
      marked == [
        ">>              │      │     [5]     │      │     r0 value = 5",
        "!!              │      │      !      │      │     !! no double counting broken on r0 (c0#1): c0#1",
        "!!              │      │      │      │      │     applied by r0 and by r1, value 5 > 4 issued",
      ])
  }

  @Test func threeReplicasAndTwoClientsFitIn100Columns() {
    // Seeds with all faults include crashes, restarts and long sync messages.
    for seed in UInt64(0)..<40 {
      let outcome = Simulator<FlawedReplica>.run(Scenario.default.withAllFaults().seeded(seed))
      let text = LaneDiagram().render(outcome.trace)
      let widest = text.split(separator: "\n").map(\.count).max() ?? 0
      #expect(widest <= 100, "seed \(seed): a line is \(widest) columns")
    }
  }

  @Test func colourOnlyWhenAskedFor() {
    let trace = level3Seed1()
    #expect(!LaneDiagram(colour: false).render(trace).contains("\u{1B}"))
    let coloured = LaneDiagram(colour: true).render(trace)
    #expect(coloured.contains("\u{1B}[1;31m!!"))
    // Colour codes take no columns: without them the text is the plain diagram.
    #expect(stripANSI(coloured) == LaneDiagram().render(trace))
  }

  private func stripANSI(_ text: String) -> String {
    var result = ""
    var escaping = false
    for character in text {
      if character == "\u{1B}" {
        escaping = true
      } else if escaping {
        if character == "m" { escaping = false }
      } else {
        result.append(character)
      }
    }
    return result
  }
}
