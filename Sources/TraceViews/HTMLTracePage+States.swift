import CounterSpec

extension HTMLTracePage {
  /// Renders one trace with a state inspector: beside the lanes, every node's state right after
  /// the event the page is at (the page opens at the violation, its culprits highlighted).
  /// - Parameters:
  ///   - trace: the run to show.
  ///   - title: the page's heading.
  ///   - states: the distinct snapshots of the run.
  ///   - stateOfEvent: for each event of `trace`, the index in `states` of the state after it.
  /// - Returns: the page, starting at `<!DOCTYPE html>`.
  /// - Complexity: O(*n* + total lines of `states`).
  public func render(
    _ trace: Trace, title: String, states: [StateSnapshot], stateOfEvent: [Int]
  ) -> String {
    precondition(stateOfEvent.count == trace.events.count, "one state per event")
    var inspector = "<aside class=\"states\"><h2>state after this event</h2>"
    for (index, snapshot) in states.enumerated() {
      inspector += "<div class=\"state\" data-state=\"\(index)\" hidden><pre>"
      for line in snapshot.lines {
        let text = Self.escape(line.text)
        if line.isHighlighted {
          inspector += "<span class=\"hot\">\(text)</span>\n"
        } else if line.isHeading {
          inspector += "<span class=\"heading\">\(text)</span>\n"
        } else {
          inspector += text + "\n"
        }
      }
      inspector += "</pre></div>"
    }
    inspector += "</aside>"
    let map = stateOfEvent.map(String.init).joined(separator: ",")
    return render(trace, title: title, inspector: (inspector, map))
  }
}
