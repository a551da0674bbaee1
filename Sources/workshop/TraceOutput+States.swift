import CounterSpec
import Level3Pure
import Stepper
import TraceViews

extension TraceOutput {
  /// Writes like `write(_:title:)`, except that an HTML page also gets the state inspector:
  /// every node's state after every event, rebuilt by replaying the run's `choices`.
  func write<R: CounterReplica>(
    _ trace: Trace, title: String, inspecting _: R.Type, _ choices: [Choice], _ scenario: Scenario
  ) throws {
    guard format == .html, let out else { return try write(trace, title: title) }
    let (states, stateOfEvent) = StateInspector.states(
      R.self, scenario: scenario, choices: choices, trace: trace)
    let page = HTMLTracePage().render(
      trace, title: title, states: states, stateOfEvent: stateOfEvent)
    try Self.write(page, to: out)
    say("wrote \(out) (html, \(trace.events.count) events, \(states.count) states)")
    var saveOnly = self
    saveOnly.out = nil
    try saveOnly.write(trace, title: title)
  }
}
