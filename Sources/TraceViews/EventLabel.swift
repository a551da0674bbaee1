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
    case .violation(let violation): "!! " + Self.violation(violation)
    }
  }

  /// `event`'s line as the views show it: `TraceEvent.text`, except that a violation drops the
  /// checker's `at step N`.
  ///
  /// The checker counts its observations (issues, acks, value changes), a number no view can
  /// point at. The views number events (row 26, `violation at event 26`) and draw the violation
  /// where it happened, so they leave the step out: one numbering per page.
  static func text(_ event: TraceEvent) -> String {
    guard case .violation(let violation) = event.kind else { return event.text }
    let body = "!! " + Self.violation(violation)
    return event.time.map { TraceEvent.formatMilliseconds($0) + "  " + body } ?? body
  }

  /// `no double counting broken on r0 (c0#2): value 5 > 4 issued`: the violation without its
  /// step.
  static func violation(_ violation: Violation) -> String {
    violation.descriptionWithoutStep
  }
}
