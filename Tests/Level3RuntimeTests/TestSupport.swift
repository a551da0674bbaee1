import CounterSpec
import Level3Runtime

/// A failure inside a test helper: thrown, never `fatalError`, so one bad test cannot take the
/// whole test process down.
struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

extension TraceEvent {
  /// The kind of line this event prints, without its particulars, for example
  /// `deliver client->replica increment` or `timer replica gossip`; `nil` for run-level notes,
  /// which each shell words in its own way.
  var lineKind: String? {
    func role(_ node: NodeID) -> String {
      switch node {
      case .replica: "replica"
      case .client: "client"
      }
    }
    func word(_ text: String) -> String { String(text.prefix { $0 != " " }) }
    switch kind {
    case .send(let from, let to, let message):
      return "send \(role(from))->\(role(to)) \(word(message))"
    case .deliver(let from, let to, let message):
      return "deliver \(role(from))->\(role(to)) \(word(message))"
    case .drop(let from, let to, let message):
      return "drop \(role(from))->\(role(to)) \(word(message))"
    case .duplicate(let from, let to, let message):
      return "duplicate \(role(from))->\(role(to)) \(word(message))"
    case .timer(let node, let name): return "timer \(role(node)) \(word(name))"
    case .crash: return "crash"
    case .restart: return "restart"
    case .value: return "value"
    case .note(let node?, let text): return "note \(role(node)) \(word(text))"
    case .note(nil, _): return nil
    case .violation(let violation): return "violation \(violation.property.rawValue)"
    }
  }
}

extension Trace {
  /// The kinds of line in the trace (see `TraceEvent.lineKind`), sorted.
  var lineKinds: [String] { Set(events.compactMap(\.lineKind)).sorted() }
}

extension ThreadedRuntime.Result {
  /// Requests whose handling changed the value of more than one replica: each counted it in its
  /// own slot, the flaw's signature.
  var requestsCountedByTwoReplicas: [RequestID] {
    var countedBy: [RequestID: Set<ReplicaID>] = [:]
    for case .valueChanged(let replica, _, let cause?) in run.observations {
      countedBy[cause, default: []].insert(replica)
    }
    return countedBy.filter { $0.value.count > 1 }.keys.sorted()
  }

  /// How many observations are `.issued` and how many `.acknowledged`.
  var issuedAndAcknowledged: (issued: Int, acknowledged: Int) {
    var issued = 0
    var acknowledged = 0
    for observation in run.observations {
      switch observation {
      case .issued: issued += 1
      case .acknowledged: acknowledged += 1
      case .valueChanged, .read: continue
      }
    }
    return (issued, acknowledged)
  }
}
