import CounterSpec

/// Writes a trace as a Mermaid `sequenceDiagram`, which GitHub renders in Markdown.
///
/// The course text shows failing runs as pictures that live next to the prose and diff like
/// text. Participants come in lane order; a delivery is `->>`, a drop `-x`, a duplicate a dashed
/// `-->>` marked `2x`; timers, crashes, restarts, value changes and notes are `Note over`; the
/// violation is a note on a red background.
public struct MermaidDiagram: Sendable {
  /// Creates a renderer.
  public init() {}

  /// Renders `trace` as the body of a ```` ```mermaid ```` block (without the fences).
  /// - Complexity: O(*n*) in the number of events.
  public func render(_ trace: Trace) -> String {
    let layout = TraceLayout(trace)
    var lines = ["sequenceDiagram"]
    lines.append("  %% \(trace.events.count) events, fingerprint \(trace.fingerprintHex)")
    for node in layout.lanes { lines.append("  participant \(node)") }
    let span = layout.lanes.first.map { first in
      first == layout.lanes.last ? "\(first)" : "\(first),\(layout.lanes.last ?? first)"
    }
    for (index, event) in trace.events.enumerated() {
      let caption = Self.escape(EventLabel.caption(event.kind))
      let culprit = index == layout.culpritIndex
      if culprit { lines.append("  rect rgb(255, 235, 200)") }
      let indent = culprit ? "    " : "  "
      switch event.kind {
      case .send(let from, let to, _): lines.append("\(indent)\(from)-)\(to): \(caption)")
      case .deliver(let from, let to, _): lines.append("\(indent)\(from)->>\(to): \(caption)")
      case .drop(let from, let to, _): lines.append("\(indent)\(from)-x\(to): \(caption)")
      case .duplicate(let from, let to, _): lines.append("\(indent)\(from)-->>\(to): \(caption)")
      case .timer(let node, _): lines.append("\(indent)Note over \(node): \(caption)")
      case .crash(let replica):
        lines.append("\(indent)Note over \(replica): CRASH (volatile state lost)")
      case .restart(let replica):
        lines.append("\(indent)Note over \(replica): restart (state from disk)")
      case .value(let replica, let value):
        lines.append("\(indent)Note over \(replica): value = \(value)")
      case .note(let node, _):
        guard let over = node.map({ "\($0)" }) ?? span else { continue }
        lines.append("\(indent)Note over \(over): \(caption)")
      case .violation(let violation):
        guard let over = violation.replica.map({ "\($0)" }) ?? span else { continue }
        lines.append("  rect rgb(255, 190, 190)")
        lines.append("    Note over \(over): \(caption)")
        lines.append("  end")
      }
      if culprit { lines.append("  end") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Makes `text` safe inside a Mermaid message or note.
  ///
  /// In a sequence diagram `#` starts a comment (it would cut `c0#1` to `c0`) and `;` ends a
  /// statement, so both become Mermaid entity codes (`#35;`, `#59;`), which GitHub shows as the
  /// characters themselves. `<` and `>` become `#lt;` and `#gt;` so they are never read as HTML.
  public static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "#": result += "#35;"
      case ";": result += "#59;"
      case "<": result += "#lt;"
      case ">": result += "#gt;"
      default: result.append(character)
      }
    }
    return result
  }
}
