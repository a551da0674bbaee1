import CounterSpec
import Testing

@testable import TraceViews

/// The drawings of the pinned Level 3 run, byte for byte. Regenerate (then review the diff):
///
///     swift run workshop level3 --seed 1 --format text \
///       --out Tests/TraceViewsTests/Golden/level3-seed1-lanes.txt
///     swift run workshop level3 --seed 1 --format mermaid \
///       --out Tests/TraceViewsTests/Golden/level3-seed1.mmd
@Suite struct GoldenTests {
  @Test func seed1StillFailsTheSameWay() {
    let trace = level3Seed1()
    #expect(trace.fingerprintHex == "87ccb9055fbff799")
    #expect(trace.events.count == 30)
  }

  @Test func laneDiagramOfSeed1MatchesGolden() throws {
    let actual = LaneDiagram().render(level3Seed1())
    let expected = try golden("level3-seed1-lanes.txt")
    #expect(actual == expected, "\(firstDifferingLine(actual, expected))")
  }

  @Test func mermaidOfSeed1MatchesGolden() throws {
    let actual = MermaidDiagram().render(level3Seed1())
    let expected = try golden("level3-seed1.mmd")
    #expect(actual == expected, "\(firstDifferingLine(actual, expected))")
  }
}
