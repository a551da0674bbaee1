import CounterSpec
import Level3Pure
import TraceViews

/// Every node's state after every event of a recorded run: what the HTML page's state inspector
/// shows.
///
/// A trace says what happened, not what each replica knew. The run's choices say everything:
/// replaying them through a fresh `Cluster` rebuilds each state, and each event of the trace is
/// matched, in order, with the event the replay records for it. Events the replay does not make
/// (the simulator's own notes, such as `faults stop`) show the state of the event before them.
public enum StateInspector {
  /// The distinct states of a run and, for each event of `trace`, the index of the state right
  /// after it. The state where a property broke starts with the violation, and the first line of
  /// each replica and client it names is highlighted.
  /// - Parameters:
  ///   - scenario: the cluster's numbers (the seed and rates do not matter).
  ///   - choices: the run's choices, as the simulator recorded them (`Outcome.choices`).
  ///   - trace: the run's trace.
  /// - Complexity: O(*n*) applies and snapshots for *n* choices.
  public static func states<R: CounterReplica>(
    _: R.Type, scenario: Scenario, choices: [Choice], trace: Trace
  ) -> (states: [StateSnapshot], stateOfEvent: [Int]) {
    var cluster = Cluster<R>(scenario: scenario)
    var states = [snapshot(cluster)]
    var pending = cluster.events[...]
    var pendingState = 0
    var current = 0
    var remaining = choices[...]
    var finished = false
    var stateOfEvent: [Int] = []
    for event in trace.events {
      // Replay until there is an event to match (a choice may record none).
      while pending.isEmpty {
        if let choice = remaining.popFirst() {
          guard cluster.apply(choice) != nil else { continue }
        } else if !finished, cluster.violation == nil {
          finished = true
          cluster.finish()
        } else {
          break
        }
        guard !cluster.events.isEmpty else { continue }
        states.append(snapshot(cluster))
        pending = cluster.events[...]
        pendingState = states.count - 1
      }
      if pending.first == event.kind {
        pending.removeFirst()
        current = pendingState
      }
      stateOfEvent.append(current)
    }
    return (states, stateOfEvent)
  }

  /// The snapshot of `cluster`, with its violation (if any) on top and what it names
  /// highlighted.
  static func snapshot<R: CounterReplica>(_ cluster: Cluster<R>) -> StateSnapshot {
    let named = cluster.violation.map(ClusterSnapshot.named(by:)) ?? []
    var lines: [StateSnapshot.Line] = []
    if let violation = cluster.violation {
      lines.append(
        StateSnapshot.Line("!! \(violation.descriptionWithoutStep)", isHighlighted: true))
    }
    var seen: [NodeID] = []
    for line in ClusterSnapshot(cluster, width: 72).lines {
      // A named node's first line (a replica's state, a client's requests) is what the
      // violation is about; its disk and timers are context.
      var hot = false
      if let node = line.node, !seen.contains(node) {
        seen.append(node)
        hot = named.contains(node)
      }
      lines.append(StateSnapshot.Line(line.text, isHeading: line.isHeading, isHighlighted: hot))
    }
    return StateSnapshot(lines)
  }
}
