import CounterSpec
import Level3Pure
import Testing

@testable import TraceViews

@Suite struct TraceComparisonTests {
  let c0 = NodeID.client(ClientID(0))
  let r0 = NodeID.replica(ReplicaID(0))
  let r1 = NodeID.replica(ReplicaID(1))

  @Test func identicalTracesHaveNoDifference() {
    let comparison = TraceComparison(level3Seed1(), level3Seed1())
    #expect(comparison.firstDifference == nil)
    #expect(comparison.fingerprintsMatch)
    #expect(
      comparison.verdict
        == "no difference: 30 identical events\nfingerprints match: 87ccb9055fbff799")
  }

  @Test func theFirstDifferingEventIsNamedWithBothLines() {
    var a = Trace()
    a.append(.deliver(from: c0, to: r0, message: "increment c0#1"))
    a.append(.deliver(from: c0, to: r0, message: "increment c0#2"))
    var b = a
    b.events[1] = TraceEvent(.deliver(from: c0, to: r1, message: "increment c0#2"))
    let comparison = TraceComparison(a, b)
    #expect(comparison.firstDifference == 1)
    #expect(!comparison.fingerprintsMatch)
    #expect(
      comparison.verdict == """
        first difference at event 2:
          A: r0 <- c0  increment c0#2
          B: r1 <- c0  increment c0#2
        fingerprints differ: A \(a.fingerprintHex), B \(b.fingerprintHex)
        """)
  }

  @Test func aTraceThatStopsEarlyDiffersWhereItStops() {
    let long = level3Seed1()
    var short = long
    short.events.removeLast(2)
    #expect(TraceComparison(short, long).firstDifference == 28)
    #expect(TraceComparison(long, short).verdict.contains("B: (trace ended after 28 events)"))
    #expect(TraceComparison(Trace(), Trace()).firstDifference == nil)
  }

  @Test func twoSeedsSideBySideFitIn100ColumnsAndMarkTheDifference() {
    let a = level3Seed1()
    let b = Simulator<FlawedReplica>.run(Scenario.default.seeded(2)).trace
    let comparison = TraceComparison(a, b)
    let text = comparison.sideBySide(titles: ("seed 1", "seed 2"))
    let lines = text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 100 })
    let difference = comparison.firstDifference ?? -1
    #expect(lines.filter { $0.hasPrefix(">>") }.count == 1)
    #expect(lines[difference + 1].hasPrefix(">>"))
    #expect(text.hasSuffix(comparison.verdict + "\n"))
  }
}
