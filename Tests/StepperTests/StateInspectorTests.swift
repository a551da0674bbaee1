import CounterSpec
import Level3Pure
import Stepper
import Testing
import TraceViews

/// The HTML trace's state inspector for the pinned run (Level 3, seed 1, a double count).
@Suite struct StateInspectorTests {
  static let outcome = Simulator<FlawedReplica>.run(Scenario.default.seeded(1))
  static let inspected = StateInspector.states(
    FlawedReplica.self, scenario: outcome.scenario, choices: outcome.choices,
    trace: outcome.trace)

  @Test func everyEventHasAStateAndStatesGoForward() {
    let map = Self.inspected.stateOfEvent
    #expect(map.count == Self.outcome.trace.events.count)
    #expect(map.first == 0)
    #expect(zip(map, map.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(map.last == Self.inspected.states.count - 1)
  }

  @Test func theViolatingStateNamesItsReplicasAndHighlightsThem() throws {
    let last = try #require(Self.inspected.states.last)
    let hot = last.lines.filter(\.isHighlighted).map(\.text)
    #expect(
      hot == [
        // The page numbers events: the checker's step is left out, as in every view.
        "!! no double counting broken on r0 (c0#1): c0#1 applied by r0 and by r1, value 5 > 4 "
          + "issued",
        "  r0  up    [2,3,0] {c0#1,c0#2,c1#1,c1#2}",
        "  r1  up    [0,3,0] {c0#1,c1#1,c1#2}",
        "  c0  waiting for c0#2 (attempt 1) · issued {c0#1,c0#2}",
      ])
  }

  @Test func eachStateIsTheClusterAfterItsChoice() {
    // Replaying the first k choices by hand gives the state shown after the k-th choice.
    var cluster = Cluster<FlawedReplica>(scenario: Self.outcome.scenario)
    #expect(
      Self.inspected.states[0].lines.map(\.text)
        == ClusterSnapshot(cluster, width: 72).lines.map(\.text))
    cluster.apply(Self.outcome.choices[0])
    #expect(
      Self.inspected.states[1].lines.map(\.text)
        == ClusterSnapshot(cluster, width: 72).lines.map(\.text))
  }

  @Test func thePageOpensAtTheViolationWithTheInspector() {
    let (states, map) = Self.inspected
    let page = HTMLTracePage().render(
      Self.outcome.trace, title: "seed 1", states: states, stateOfEvent: map)
    #expect(page.contains("<body data-start=\"29\" data-states=\"0,0,1,"))
    #expect(page.contains("<header class=\"with-states\">"))
    #expect(page.contains("<h2>state after this event</h2>"))
    #expect(
      page.components(separatedBy: "<div class=\"state\" data-state=").count == states.count + 1)
    #expect(page.contains("<span class=\"hot\">  r1  up    [0,3,0] {c0#1,c1#1,c1#2}</span>"))
    #expect(page.components(separatedBy: "<script").count == 2)
    #expect(!page.contains("http://") && !page.contains("https://"))
  }
}
