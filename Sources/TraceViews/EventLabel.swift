import CounterSpec

/// The short caption each view writes next to an event, shared so the views read alike.
enum EventLabel {
  /// The caption of `kind`: the message for arrows, a word or two for everything else.
  static func caption(_ kind: TraceEvent.Kind) -> String {
    switch kind {
    case .send(_, _, let message): "send " + message
    case .deliver(_, _, let message): message
    case .drop(_, _, let message): message + "  (dropped)"
    case .duplicate(_, _, let message): "2x " + message
    case .timer(_, let name): "timer " + name
    case .crash(let replica): "\(replica) CRASH (volatile state lost)"
    case .restart(let replica): "\(replica) restart (state from disk)"
    case .value(let replica, let value): "\(replica) value = \(value)"
    case .note(_, let text): text
    case .violation(let violation): "!! \(violation)"
    }
  }
}
