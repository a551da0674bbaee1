import CounterSpec

/// The lanes of one trace as an inline `<svg>` element, one `<g class="row">` per event.
///
/// Internal to `HTMLTracePage`: the page's script finds rows by class and index, so the markup
/// and the script are kept together in this module.
struct TraceSVG {
  let trace: Trace
  /// A prefix for element ids, so two diagrams can share a page.
  let id: String
  /// An event to mark as the first difference from another trace.
  let marked: Int?
  /// The longest caption to draw (the full text is in the row's tooltip), or `nil` for no limit.
  let cut: Int?

  static let gutter = 100.0
  static let laneGap = 96.0
  static let rowHeight = 22.0
  static let top = 6.0
  static let charWidth = 7.3

  func render() -> String {
    let layout = TraceLayout(trace)
    let stamps = LaneDiagram.stamps(trace)
    let captions = trace.events.map { event -> String in
      let caption = EventLabel.caption(event.kind)
      guard let cut, caption.count > cut else { return caption }
      return String(caption.prefix(cut - 1)) + "…"
    }
    let labelX = Self.gutter + Double(layout.lanes.count) * Self.laneGap + 12
    let longest = Double(captions.map(\.count).max() ?? 0)
    let width = (labelX + longest * Self.charWidth + 16).rounded()
    let height = Self.top + Double(trace.events.count) * Self.rowHeight + 12

    // The lane names sit in their own small SVG that stays on screen while the rows scroll.
    var out = "<div class=\"lanes-head\"><svg class=\"names\" viewBox=\"0 0 \(n(width)) 26\""
    out += " width=\"\(n(width))\" height=\"26\">"
    for (lane, node) in layout.lanes.enumerated() {
      out += "<text class=\"node\" x=\"\(n(laneX(lane)))\" y=\"18\" text-anchor=\"middle\">"
      out += "\(node)</text>"
    }
    out += "</svg></div>\n"
    out += "<svg class=\"trace\" id=\"trace-\(id)\" viewBox=\"0 0 \(n(width)) \(n(height))\""
    out += " width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\">\n"
    out += "<defs>"
    out += "<marker id=\"\(id)-head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
    out += " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
    out += "<path class=\"head\" d=\"M0,0 L10,5 L0,10 z\"/></marker>"
    out += "<marker id=\"\(id)-dup-head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
    out += " markerWidth=\"5\" markerHeight=\"5\" orient=\"auto-start-reverse\">"
    out += "<path class=\"dup-head\" d=\"M0,0 L10,5 L0,10 z\"/></marker>"
    out += "</defs>\n"
    for lane in layout.lanes.indices {
      let x = n(laneX(lane))
      out += "<line class=\"lane\" x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(n(height - 4))\"/>\n"
    }
    for (index, event) in trace.events.enumerated() {
      var classes = ["row", Self.kindClass(event.kind)]
      if index == layout.violationIndex { classes.append("violation") }
      if index == layout.culpritIndex { classes.append("culprit") }
      if index == marked { classes.append("differs") }
      let y = Self.top + Double(index) * Self.rowHeight
      let mid = y + Self.rowHeight / 2
      let text = HTMLTracePage.escape("\(index + 1): " + EventLabel.text(event))
      out += "<g class=\"\(classes.joined(separator: " "))\" id=\"\(id)-\(index)\""
      out += " data-i=\"\(index)\" data-text=\"\(text)\"><title>\(text)</title>"
      out += "<rect class=\"band\" x=\"0\" y=\"\(n(y))\" width=\"\(n(width))\""
      out += " height=\"\(n(Self.rowHeight))\"/>"
      var stamp = stamps[index]
      if index == marked { stamp = "≠ " + stamp }
      if index == layout.violationIndex { stamp = "!! " + stamp }
      out += "<text class=\"stamp\" x=\"\(n(Self.gutter - 10))\" y=\"\(n(mid + 4))\""
      out += " text-anchor=\"end\">\(HTMLTracePage.escape(stamp))</text>"
      out += mark(event.kind, layout: layout, mid: mid)
      let labelClass = index == layout.violationIndex ? "label alarm" : "label"
      out += "<text class=\"\(labelClass)\" x=\"\(n(labelX))\" y=\"\(n(mid + 4))\">"
      out += HTMLTracePage.escape(captions[index]) + "</text></g>\n"
    }
    return out + "</svg>"
  }

  // MARK: - Marks

  private func mark(_ kind: TraceEvent.Kind, layout: TraceLayout, mid: Double) -> String {
    func x(_ node: NodeID) -> Double? { layout.lane(of: node).map(laneX) }
    switch kind {
    case .send(let from, let to, _), .deliver(let from, let to, _):
      return arrow(from: x(from), to: x(to), mid: mid, lineClass: "msg", head: "\(id)-head")
    case .duplicate(let from, let to, _):
      return arrow(from: x(from), to: x(to), mid: mid, lineClass: "dup", head: "\(id)-dup-head")
    case .drop(let from, let to, _):
      guard let a = x(from), let b = x(to) else { return "" }
      let end = b - (b > a ? 14 : -14)
      var out = line(a, mid, end, mid, "msg drop")
      out += line(end - 5, mid - 5, end + 5, mid + 5, "cross")
      out += line(end - 5, mid + 5, end + 5, mid - 5, "cross")
      return out
    case .timer(let node, _):
      guard let at = x(node) else { return "" }
      return "<circle class=\"timer\" cx=\"\(n(at))\" cy=\"\(n(mid))\" r=\"8\"/>"
        + glyph("T", at, mid + 4, "mark")
    case .crash(let replica):
      return x(.replica(replica)).map { glyph("✗", $0, mid + 6, "mark crash") } ?? ""
    case .restart(let replica):
      return x(.replica(replica)).map { glyph("↻", $0, mid + 6, "mark restart") } ?? ""
    case .value(let replica, let value):
      guard let at = x(.replica(replica)) else { return "" }
      let text = String(value)
      let boxWidth = Double(text.count) * Self.charWidth + 10
      return "<rect class=\"value\" x=\"\(n(at - boxWidth / 2))\" y=\"\(n(mid - 8))\""
        + " width=\"\(n(boxWidth))\" height=\"16\" rx=\"4\"/>" + glyph(text, at, mid + 4, "mark")
    case .note(let node, _):
      guard let node, let at = x(node) else { return "" }
      return "<circle class=\"note\" cx=\"\(n(at))\" cy=\"\(n(mid))\" r=\"3.5\"/>"
    case .violation(let violation):
      let lanes =
        violation.replica.map { [x(.replica($0))] }
        ?? layout.lanes.indices.map {
          Optional(laneX($0))
        }
      return lanes.compactMap { $0 }.map { glyph("!!", $0, mid + 4, "mark alarm") }.joined()
    }
  }

  private func arrow(from a: Double?, to b: Double?, mid: Double, lineClass: String, head: String)
    -> String
  {
    guard let a, let b else { return "" }
    guard a != b else { return glyph("↺", a, mid + 5, "mark") }
    let end = b - (b > a ? 2 : -2)
    return "<line class=\"\(lineClass)\" x1=\"\(n(a))\" y1=\"\(n(mid))\" x2=\"\(n(end))\""
      + " y2=\"\(n(mid))\" marker-end=\"url(#\(head))\"/>"
  }

  private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cls: String)
    -> String
  {
    "<line class=\"\(cls)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>"
  }

  private func glyph(_ text: String, _ x: Double, _ y: Double, _ cls: String) -> String {
    "<text class=\"\(cls)\" x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"middle\">"
      + HTMLTracePage.escape(text) + "</text>"
  }

  private func laneX(_ lane: Int) -> Double {
    Self.gutter + Self.laneGap / 2 + Double(lane) * Self.laneGap
  }

  /// A coordinate with at most one decimal, the same in every process (no locale, no `%f`).
  private func n(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let magnitude = tenths.magnitude
    return magnitude % 10 == 0
      ? sign + String(magnitude / 10) : sign + "\(magnitude / 10).\(magnitude % 10)"
  }

  static func kindClass(_ kind: TraceEvent.Kind) -> String {
    switch kind {
    case .send: "k-send"
    case .deliver: "k-deliver"
    case .drop: "k-drop"
    case .duplicate: "k-duplicate"
    case .timer: "k-timer"
    case .crash: "k-crash"
    case .restart: "k-restart"
    case .value: "k-value"
    case .note: "k-note"
    case .violation: "k-violation"
    }
  }
}
