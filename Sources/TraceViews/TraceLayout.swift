import CounterSpec

/// What every renderer needs to know about a trace before drawing it: the lanes, and where the
/// story goes wrong.
///
/// Computed once, the same way for the terminal, Mermaid and HTML, so the three views always
/// agree on lane order and on which step is highlighted.
public struct TraceLayout: Equatable, Sendable {
  /// One lane per node that appears in the trace, clients first, each by index.
  public let lanes: [NodeID]
  /// The index in `events` of the first violation, if any.
  public let violationIndex: Int?
  /// The index of the step that broke the property: the last value change of the violating
  /// replica before the violation, or the event just before it.
  public let culpritIndex: Int?

  /// Lays out `trace`.
  /// - Complexity: O(*n* log *n*) in the number of events.
  public init(_ trace: Trace) {
    var nodes: [NodeID] = []
    for event in trace.events { nodes.append(contentsOf: Self.nodes(of: event.kind)) }
    // Sorted, then deduplicated in order: no Set iteration reaches the lane order.
    var lanes: [NodeID] = []
    for node in nodes.sorted() where lanes.last != node { lanes.append(node) }
    self.lanes = lanes
    let violationIndex = trace.events.firstIndex {
      if case .violation = $0.kind { true } else { false }
    }
    self.violationIndex = violationIndex
    guard let violationIndex, violationIndex > 0 else {
      culpritIndex = nil
      return
    }
    var culprit = violationIndex - 1
    if case .violation(let violation) = trace.events[violationIndex].kind,
      let replica = violation.replica
    {
      for index in stride(from: violationIndex - 1, through: 0, by: -1) {
        if case .value(replica, _) = trace.events[index].kind {
          culprit = index
          break
        }
      }
    }
    culpritIndex = culprit
  }

  /// The lane of `node`, or `nil` if it has none.
  public func lane(of node: NodeID) -> Int? { lanes.firstIndex(of: node) }

  /// The nodes an event mentions, in a fixed order.
  static func nodes(of kind: TraceEvent.Kind) -> [NodeID] {
    switch kind {
    case .send(let from, let to, _), .deliver(let from, let to, _), .drop(let from, let to, _),
      .duplicate(let from, let to, _):
      [from, to]
    case .timer(let node, _): [node]
    case .crash(let replica), .restart(let replica), .value(let replica, _): [.replica(replica)]
    case .note(let node, _): node.map { [$0] } ?? []
    case .violation(let violation): violation.replica.map { [.replica($0)] } ?? []
    }
  }
}
