import CounterSpec

/// Writes a trace as one self-contained HTML page: lanes drawn in inline SVG, step-through
/// controls, and the violation highlighted and scrolled into view when the page opens.
///
/// A page can be mailed, attached to an issue or opened from a course laptop with no network:
/// nothing is fetched, there are no `http` URLs at all, and the little JavaScript is inline.
/// The arrow keys (or the buttons) step through the run; later events are greyed out, so the
/// story can be told one message at a time.
public struct HTMLTracePage: Sendable {
  /// Creates a renderer.
  public init() {}

  /// Renders one trace as a complete page.
  /// - Parameters:
  ///   - trace: the run to show.
  ///   - title: the page's heading, for example `level3 seed 1`.
  /// - Returns: the page, starting at `<!DOCTYPE html>`.
  /// - Complexity: O(*n*) in the number of events.
  public func render(_ trace: Trace, title: String) -> String {
    render(trace, title: title, inspector: nil)
  }

  /// Renders one trace, with a state inspector (`HTMLTracePage+States.swift`) beside the lanes
  /// when `inspector` is given: its HTML, and the `data-states` map for `<body>`.
  func render(_ trace: Trace, title: String, inspector: (html: String, map: String)?) -> String {
    let layout = TraceLayout(trace)
    var summary = "\(trace.events.count) events, fingerprint \(trace.fingerprintHex)"
    if let violation = trace.violation {
      summary += ", violation at event \((layout.violationIndex ?? 0) + 1)"
      summary =
        Self.escape(summary) + "<br><strong class=\"bad\">!! "
        + Self.escape(EventLabel.violation(violation)) + "</strong>"
    } else {
      summary = Self.escape(summary + ", no violation")
    }
    let svg = TraceSVG(trace: trace, id: "a", marked: nil, cut: nil).render()
    return page(
      title: title, summary: summary, start: layout.violationIndex ?? 0,
      body: "<div class=\"panels\"><div class=\"panel\">\(svg)</div></div>",
      bodyAttributes: inspector.map { " data-states=\"\($0.map)\"" } ?? "",
      aside: inspector?.html ?? "")
  }

  /// Renders two traces side by side, their first difference marked in both.
  /// - Parameters:
  ///   - comparison: the two traces.
  ///   - titles: a heading for each side, for example the two file names.
  /// - Returns: the page, starting at `<!DOCTYPE html>`.
  public func render(_ comparison: TraceComparison, titles: (String, String)) -> String {
    let difference = comparison.firstDifference
    let summary = comparison.verdict.split(separator: "\n").map { Self.escape(String($0)) }
      .joined(separator: "<br>")
    var body = "<div class=\"panels two\">"
    for (id, trace, title) in [
      ("a", comparison.first, "A: " + titles.0), ("b", comparison.second, "B: " + titles.1),
    ] {
      let svg = TraceSVG(trace: trace, id: id, marked: difference, cut: 44).render()
      body += "<div class=\"panel\"><h2>\(Self.escape(title))</h2>\(svg)</div>"
    }
    body += "</div>"
    let start = difference ?? TraceLayout(comparison.first).violationIndex ?? 0
    return page(
      title: "A: \(titles.0)  vs  B: \(titles.1)", summary: summary, start: start, body: body)
  }

  /// Escapes `text` for HTML text and double-quoted attributes.
  public static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  // MARK: - The page around the diagrams

  func page(
    title: String, summary: String, start: Int, body: String, bodyAttributes: String = "",
    aside: String = ""
  ) -> String {
    let (open, close) =
      aside.isEmpty
      ? ("<header>", "</header>")
      : (
        "<header class=\"with-states\"><div class=\"head-main\">", "</div>\n\(aside)\n</header>"
      )
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(Self.escape(title))</title>
      <style>
      \(Self.style)
      </style>
      </head>
      <body data-start="\(start)"\(bodyAttributes)>
      \(open)
      <h1>\(Self.escape(title))</h1>
      <p class="summary">\(summary)</p>
      <div class="controls">
      <button id="first" title="first event (Home)">first</button>
      <button id="prev" title="previous event (left arrow)">&#9664; prev</button>
      <button id="play" title="play from here (space)">play</button>
      <button id="next" title="next event (right arrow)">next &#9654;</button>
      <button id="last" title="last event (End)">last</button>
      <span id="position"></span>
      </div>
      <pre id="detail"></pre>
      <p class="legend">\(Self.escape(Self.legend))</p>
      \(close)
      <main>
      \(body)
      </main>
      <script>
      \(Self.script)
      </script>
      </body>
      </html>

      """
  }

  static let legend =
    "arrow: delivered · dashed to ×: dropped · thick orange: duplicate · T: timer · ✗: crash"
    + " · ↻: restart · [n]: value · !!: violation · keys: ← → step, space play, Home End"

  static let style = """
    html, body { height: 100%; margin: 0; }
    body { font: 14px/1.4 ui-monospace, Menlo, Consolas, monospace; color: #1d1d1f;
      background: #fbfbfd; display: flex; flex-direction: column; }
    header { flex: none; padding: 8px 16px; border-bottom: 1px solid #ccc; background: #f4f4f8; }
    h1 { font-size: 18px; margin: 0 0 4px 0; }
    h2 { font-size: 14px; margin: 4px 0; }
    .summary { margin: 0 0 6px 0; }
    .bad { color: #b00020; }
    .controls button { font: inherit; padding: 2px 10px; margin-right: 4px; }
    #position { margin-left: 8px; color: #555; }
    #detail { margin: 6px 0 0 0; padding: 4px 8px; background: #eef2fb; white-space: pre-wrap;
      min-height: 1.4em; }
    .legend { margin: 4px 0 0 0; color: #666; font-size: 12px; }
    main { flex: 1 1 auto; overflow: auto; padding: 8px 16px 30vh 16px; }
    .panels { display: flex; gap: 16px; align-items: flex-start; }
    .panels.two .panel { flex: 1 1 0; min-width: 0; }
    .panels.two svg { width: 100%; height: auto; }
    .lanes-head { position: sticky; top: -8px; background: #fbfbfd; z-index: 1;
      border-bottom: 1px solid #e4e4ea; }
    .lanes-head svg { display: block; font: 13px ui-monospace, Menlo, Consolas, monospace; }
    svg.trace { font: 12px ui-monospace, Menlo, Consolas, monospace; }
    svg .lane { stroke: #b8b8c0; stroke-width: 1.5; }
    svg .node { font-weight: bold; }
    svg .band { fill: transparent; }
    svg .row:hover .band { fill: #f0f0f5; }
    svg .row.violation .band { fill: #ffd0d0; }
    svg .row.culprit .band { fill: #ffe6c8; }
    svg .row.differs .band { fill: #ffe9a8; }
    svg .row.current .band { stroke: #1a5fd0; stroke-width: 2; }
    svg .row.future { opacity: 0.4; }
    svg .stamp { fill: #666; }
    svg .msg { stroke: #1d1d1f; stroke-width: 1.5; }
    svg .drop { stroke: #888; stroke-dasharray: 4 3; }
    svg .dup { stroke: #d9822b; stroke-width: 3; }
    svg .cross { stroke: #b00020; stroke-width: 2; }
    svg .mark { font-weight: bold; }
    svg .crash { fill: #b00020; font-size: 16px; }
    svg .restart { fill: #1b7f3b; font-size: 16px; }
    svg .timer { fill: #e6f4f8; stroke: #2b8ca3; }
    svg .value { fill: #fff; stroke: #1d1d1f; }
    svg .note { fill: #999; }
    svg .alarm { fill: #b00020; font-weight: bold; }
    svg .head { fill: #1d1d1f; }
    svg .dup-head { fill: #d9822b; }
    header.with-states { display: flex; gap: 16px; align-items: flex-start; }
    .head-main { flex: 1 1 auto; min-width: 0; }
    .states { flex: 0 0 auto; width: min(46em, 48vw); max-height: 42vh; overflow: auto; padding: 2px 10px;
      background: #fff; border: 1px solid #d8dce8; }
    .states h2 { margin: 2px 0 4px 0; }
    .states pre { margin: 0; font: 12px/1.35 ui-monospace, Menlo, Consolas, monospace;
      white-space: pre-wrap; }
    .states .heading { font-weight: bold; }
    .states .hot { background: #ffd0d0; color: #7a0015; font-weight: bold; }
    """

  static let script = """
    (function () {
      var panels = Array.prototype.slice.call(document.querySelectorAll('svg.trace'));
      var count = 0;
      panels.forEach(function (p) {
        count = Math.max(count, p.querySelectorAll('g.row').length);
      });
      var detail = document.getElementById('detail');
      var position = document.getElementById('position');
      var playButton = document.getElementById('play');
      var current = parseInt(document.body.getAttribute('data-start'), 10) || 0;
      var timer = null;
      var states = Array.prototype.slice.call(document.querySelectorAll('.states .state'));
      var stateOf = (document.body.getAttribute('data-states') || '').split(',');
      function show(index, block) {
        if (count === 0) { position.textContent = 'no events'; return; }
        current = Math.max(0, Math.min(count - 1, index));
        // The state first: showing it may resize the header, and then the row is scrolled to.
        var shown = stateOf[current];
        states.forEach(function (s) { s.hidden = s.getAttribute('data-state') !== shown; });
        var texts = [];
        panels.forEach(function (p) {
          var rows = p.querySelectorAll('g.row');
          for (var k = 0; k < rows.length; k++) {
            rows[k].classList.toggle('current', k === current);
            rows[k].classList.toggle('future', k > current);
          }
          var row = rows[current];
          texts.push(row ? row.getAttribute('data-text') : '(trace ended)');
          if (row && block) { row.scrollIntoView({ block: block, inline: 'nearest' }); }
        });
        position.textContent = 'event ' + (current + 1) + ' of ' + count;
        detail.textContent = texts.join('\\n');
      }
      function stop() {
        if (timer !== null) { clearInterval(timer); timer = null; }
        playButton.textContent = 'play';
      }
      function play() {
        if (timer !== null) { stop(); return; }
        if (current >= count - 1) { show(0, 'nearest'); }
        playButton.textContent = 'pause';
        timer = setInterval(function () {
          if (current >= count - 1) { stop(); } else { show(current + 1, 'nearest'); }
        }, 500);
      }
      document.getElementById('first').onclick = function () { stop(); show(0, 'center'); };
      document.getElementById('prev').onclick = function () { stop(); show(current - 1, 'nearest'); };
      document.getElementById('next').onclick = function () { stop(); show(current + 1, 'nearest'); };
      document.getElementById('last').onclick = function () { stop(); show(count - 1, 'center'); };
      playButton.onclick = play;
      document.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { stop(); show(current + 1, 'nearest'); }
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { stop(); show(current - 1, 'nearest'); }
        else if (e.key === 'Home') { stop(); show(0, 'center'); }
        else if (e.key === 'End') { stop(); show(count - 1, 'center'); }
        else if (e.key === ' ') { play(); }
        else { return; }
        e.preventDefault();
      });
      panels.forEach(function (p) {
        p.addEventListener('click', function (e) {
          var row = e.target.closest('g.row');
          if (row) { stop(); show(parseInt(row.getAttribute('data-i'), 10), null); }
        });
      });
      show(current, 'nearest');
    })();
    """
}
