import CounterSpec

/// Draws a trace for a terminal: one lane per node, time down the page, arrows for messages.
///
/// A failing run is a story of messages between replicas, and a reader finds the broken step
/// faster by looking than by reading a log: every delivery is an arrow from the sender's lane to
/// the receiver's, a dropped message stops at an `x`, and the violation is marked `!!` (in red,
/// when `colour` is on). Three replicas and two clients fit in 100 columns.
///
/// ```
///                  c0     c1     r0     r1     r2
///      31.000ms    │      │     [5]     │      │     r0 value = 5
/// !!               │      │      !      │      │     !! no double counting broken on r0 ...
/// ```
public struct LaneDiagram: Sendable {
  /// The widest a line may be; labels are cut to fit (the violation is wrapped, never cut).
  public var width: Int
  /// Whether to colour the output with ANSI escapes (only when writing to a terminal).
  public var colour: Bool

  /// Creates a renderer.
  /// - Parameters:
  ///   - width: the widest a line may be, 100 by default.
  ///   - colour: whether to use ANSI colours; `false` for files and pipes.
  public init(width: Int = 100, colour: Bool = false) {
    self.width = width
    self.colour = colour
  }

  /// Columns per lane; the lane's line is drawn at `laneCentre` within it.
  static let laneWidth = 7
  static let laneCentre = 3

  /// Renders `trace` as lines of text, each ending in a newline.
  /// - Complexity: O(*n* × *lanes*) in the number of events.
  public func render(_ trace: Trace) -> String {
    let layout = TraceLayout(trace)
    let stamps = Self.stamps(trace)
    let stampWidth = max(trace.events.first?.time == nil ? 5 : 10, stamps.map(\.count).max() ?? 0)
    let lanesWidth = layout.lanes.count * Self.laneWidth
    let labelWidth = max(12, width - 2 - stampWidth - 1 - lanesWidth - 2)

    var output = ""
    func emit(
      _ marker: String, _ stamp: String, _ cells: [Character], _ label: String,
      style: Style
    ) {
      var line = marker + pad(stamp, stampWidth) + " " + String(cells)
      if !label.isEmpty { line += "  " + label }
      while line.last == " " { line.removeLast() }
      output += (colour && style != .plain ? style.code + line + Style.reset : line) + "\n"
    }

    let summary =
      "\(trace.events.count) events, fingerprint \(trace.fingerprintHex)"
      + (layout.violationIndex.map { ", violation at event \($0 + 1)" } ?? ", no violation")
    output += summary + "\n"
    var names = [Character](repeating: " ", count: lanesWidth)
    for (lane, node) in layout.lanes.enumerated() {
      let name = Array(node.description)
      let start = lane * Self.laneWidth + Self.laneCentre - (name.count - 1) / 2
      for (offset, character) in name.enumerated() where start + offset < names.count {
        names[max(0, start + offset)] = character
      }
    }
    emit("  ", trace.events.first?.time == nil ? "event" : "time", names, "", style: .header)

    for (index, event) in trace.events.enumerated() {
      var cells = Self.emptyLanes(layout.lanes.count)
      let style = draw(event.kind, on: &cells, layout: layout)
      let caption = EventLabel.caption(event.kind)
      if index == layout.violationIndex {
        let lines = wrap(caption, width: labelWidth)
        for (number, part) in lines.enumerated() {
          emit(
            "!!", number == 0 ? stamps[index] : "",
            number == 0 ? cells : Self.emptyLanes(layout.lanes.count), part, style: .violation)
        }
      } else {
        let marker = index == layout.culpritIndex ? ">>" : "  "
        emit(
          marker, stamps[index], cells, cut(caption, width: labelWidth),
          style: index == layout.culpritIndex ? .violation : style)
      }
    }
    for line in Self.legend { output += line + "\n" }
    return output
  }

  /// What the marks mean, printed under the diagram.
  static let legend = [
    "legend: ├─▶ delivered  ├╌x dropped  ╞═▶ duplicate  ├─▷ sent  T timer  ✗ crash  ↻ restart",
    "        [n] value  * note  ↺ to itself  margin: >> the step that broke it, !! violation",
  ]

  // MARK: - Drawing one row

  /// Draws the mark of `kind` onto `cells` and returns the row's colour.
  private func draw(_ kind: TraceEvent.Kind, on cells: inout [Character], layout: TraceLayout)
    -> Style
  {
    func centre(_ node: NodeID) -> Int? {
      layout.lane(of: node).map { $0 * Self.laneWidth + Self.laneCentre }
    }
    switch kind {
    case .send(let from, let to, _):
      arrow(
        &cells, from: centre(from), to: centre(to), line: "─", head: ("▷", "◁"), tee: ("├", "┤"))
      return .plain
    case .deliver(let from, let to, _):
      arrow(
        &cells, from: centre(from), to: centre(to), line: "─", head: ("▶", "◀"), tee: ("├", "┤"))
      return .plain
    case .drop(let from, let to, _):
      arrow(
        &cells, from: centre(from), to: centre(to), line: "╌", head: ("x", "x"), tee: ("├", "┤"),
        stopsShort: true)
      return .dim
    case .duplicate(let from, let to, _):
      arrow(
        &cells, from: centre(from), to: centre(to), line: "═", head: ("▶", "◀"), tee: ("╞", "╡"))
      return .duplicate
    case .timer(let node, _):
      if let at = centre(node) { cells[at] = "T" }
      return .timer
    case .crash(let replica):
      if let at = centre(.replica(replica)) { cells[at] = "✗" }
      return .crash
    case .restart(let replica):
      if let at = centre(.replica(replica)) { cells[at] = "↻" }
      return .restart
    case .value(let replica, let value):
      if let at = centre(.replica(replica)) {
        for (offset, character) in "[\(value)]".enumerated() where at - 1 + offset < cells.count {
          cells[at - 1 + offset] = character
        }
      }
      return .plain
    case .note(let node, _):
      if let node, let at = centre(node) { cells[at] = "*" }
      return .plain
    case .violation(let violation):
      if let replica = violation.replica, let at = centre(.replica(replica)) {
        cells[at] = "!"
      } else {
        for lane in layout.lanes.indices { cells[lane * Self.laneWidth + Self.laneCentre] = "!" }
      }
      return .violation
    }
  }

  /// Draws a horizontal arrow between two lane centres; a message to oneself is a `↺`.
  private func arrow(
    _ cells: inout [Character], from: Int?, to: Int?, line: Character,
    head: (right: Character, left: Character), tee: (right: Character, left: Character),
    stopsShort: Bool = false
  ) {
    guard let from, let to else { return }
    guard from != to else {
      cells[from] = "↺"
      return
    }
    let step = to > from ? 1 : -1
    var at = from + step
    let end = stopsShort ? to - step : to
    while at != end {
      cells[at] = cells[at] == "│" ? (line == "═" ? "╪" : "┼") : line
      at += step
    }
    cells[from] = step > 0 ? tee.right : tee.left
    cells[end] = step > 0 ? head.right : head.left
  }

  // MARK: - Text helpers

  private static func emptyLanes(_ count: Int) -> [Character] {
    var cells = [Character](repeating: " ", count: count * laneWidth)
    for lane in 0..<count { cells[lane * laneWidth + laneCentre] = "│" }
    return cells
  }

  /// The left column: the time where it changes (blank while it stays the same), or the event
  /// number for traces without time.
  static func stamps(_ trace: Trace) -> [String] {
    var previous: Int64?
    var stamps: [String] = []
    for (index, event) in trace.events.enumerated() {
      guard let time = event.time else {
        stamps.append("#\(index + 1)")
        previous = nil
        continue
      }
      stamps.append(
        time == previous
          ? ""
          : String(
            TraceEvent.formatMilliseconds(time).drop {
              $0 == " "
            }))
      previous = time
    }
    return stamps
  }

  private func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  private func cut(_ text: String, width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  /// Breaks `text` at spaces into lines of at most `width` characters (a longer word is cut).
  private func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if candidate.count <= width || current.isEmpty {
        current = cut(candidate, width: width)
      } else {
        lines.append(current)
        current = cut(String(word), width: width)
      }
    }
    lines.append(current)
    return lines
  }

  /// The ANSI colour of a row.
  enum Style: Equatable {
    case plain, header, dim, duplicate, timer, crash, restart, violation

    var code: String {
      switch self {
      case .plain: ""
      case .header: "\u{1B}[1m"
      case .dim: "\u{1B}[2m"
      case .duplicate: "\u{1B}[33m"
      case .timer: "\u{1B}[36m"
      case .crash: "\u{1B}[1;35m"
      case .restart: "\u{1B}[32m"
      case .violation: "\u{1B}[1;31m"
      }
    }

    static let reset = "\u{1B}[0m"
  }
}
