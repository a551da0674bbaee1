import CounterSpec

extension Schedule {
  /// Extracts the schedule of a recorded simulator run: the choices its seed and clock made.
  ///
  /// Walks the trace while replaying it, so each delivered, dropped or duplicated message is
  /// matched by its two ends and its printed text against what is really in flight at that
  /// point. A message lost at a replica that was down becomes a delivery (the replay loses it
  /// the same way); a message lost to a partition becomes a drop.
  /// - Parameters:
  ///   - trace: a trace recorded by `Simulator` for `scenario` and `design`.
  /// - Returns: `nil` if the trace does not fit the scenario (a message that was never sent).
  /// - Complexity: O(events × messages in flight).
  public init?(trace: Trace, scenario: Scenario, design: Replica.Design) {
    var run = ScheduledRun(scenario: scenario, design: design)
    var choices: [Choice] = []
    for event in trace.events {
      let choice: Choice
      switch event.kind {
      case .deliver(let from, let to, let text):
        guard let packet = Self.find(from, to, text, in: run.inFlight) else { return nil }
        choice = .deliver(packet)
      case .drop(let from, let to, let text):
        if let lost = Self.strip(text, suffix: "  [\(to) is down]") {
          guard let packet = Self.find(from, to, lost, in: run.inFlight) else { return nil }
          choice = .deliver(packet)
        } else {
          let text = Self.strip(text, suffix: "  [partition]") ?? text
          guard let packet = Self.find(from, to, text, in: run.inFlight) else { return nil }
          choice = .drop(packet)
        }
      case .duplicate(let from, let to, let text):
        guard let packet = Self.find(from, to, text, in: run.inFlight) else { return nil }
        choice = .duplicate(packet)
      case .timer(.client(let client), _):
        choice = .fireRetry(client)
      case .timer(.replica(let replica), _):
        choice = .fireGossip(replica)
      case .crash(let replica):
        choice = .crash(replica)
      case .restart(let replica):
        choice = .restart(replica)
      case .send, .value, .note, .violation:
        continue
      }
      guard run.apply(choice) == choice else { return nil }
      choices.append(choice)
    }
    self.init(scenario: scenario, design: design, choices: choices)
  }

  private static func find(_ from: NodeID, _ to: NodeID, _ text: String, in flight: [Packet])
    -> Packet?
  {
    flight.first { $0.from == from && $0.to == to && $0.text == text }
  }

  private static func strip(_ text: String, suffix: String) -> String? {
    guard text.hasSuffix(suffix) else { return nil }
    return String(text.dropLast(suffix.count))
  }
}
