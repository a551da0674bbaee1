import Foundation

/// One `<!-- output ... -->` marker in the course text, and the lines it vouches for.
///
/// The marker sits on its own line right before what it checks (more markers may be stacked):
///
///     <!-- output: swift run workshop level3 --seed 1 -->
///     <!-- output timings: swift run workshop level3 sweep -->
///     <!-- output shape, slow, expect "violation in 1..29 runs": swift run workshop level2 -->
///     <!-- output says "175,748 states": swift run workshop level4 --fixed -->
///     <!-- output timings -->          (no command: the block's `$ ...` lines are the commands)
///
/// Options come before the first `:`, separated by commas; the command comes after it. See
/// `DocsCommand.help` for what each option means.
struct DocMarker {
  /// How a block is compared with the command's output.
  enum Mode: String {
    /// Line for line, byte for byte (trailing spaces and trailing blank lines aside).
    case exact
    /// Like `exact`, but numbers with a decimal point (timings, rates) and spacing may differ.
    case timings
    /// Every number, 16-digit fingerprint, `[...]`/`{...}` list and run of spaces may differ.
    case shape
    /// A sample of a run that differs every time: each line has the shape of a line the
    /// command prints, within a few runs.
    case sample
    /// `swift test` output: the closing line's test and suite counts match the test bundle.
    case tests
  }

  /// What follows the marker.
  enum Target {
    /// A fenced block's content lines (0-based indices into the file's lines).
    case block(Range<Int>)
    /// Text the marker's `says` phrases must appear in: a paragraph, list or fenced block.
    case text(Range<Int>)
  }

  /// The file, as given to `docs` (relative to the package root when found there).
  let file: String
  /// The marker's own line, 1-based.
  let line: Int
  /// The command, as a reader would type it; nil for a transcript of `$ ...` lines.
  var command: String?
  var mode = Mode.exact
  /// Skipped by `docs --check --fast` (real time, threads, benches).
  var slow = false
  /// Compare standard output and standard error together, as a terminal shows them.
  var stderr = false
  /// Run in a fresh temporary directory instead of the package root.
  var scratch = false
  /// Compare only the Mermaid diagram: `sequenceDiagram` and the indented lines after it.
  var diagram = false
  /// Compare only the output's section that starts at the first line containing this text and
  /// ends before the next blank line.
  var from: String?
  /// A command running in the background while this one runs (a server), stopped after it.
  var background: String?
  /// A program the command needs (`spin`): without it on the PATH, the block is skipped.
  var needs: String?
  /// For `sample`: how many runs may be needed to see every line's shape.
  var tries = 5
  /// Phrases the output must contain; `A..B` in a phrase is a number from A to B.
  var expects: [String] = []
  /// Phrases that must appear both in the text after the marker and in the output.
  var says: [String] = []
  /// A phrase in the text whose number is the output's line count (`"28 lines"`).
  var length: String?
  var target: Target

  /// Whether a command needs a release build (`swift run -c release ...`).
  var needsRelease = false
}

/// A marker that could not be read: reported like a stale block.
struct DocMarkerError: Error {
  let file: String
  let line: Int
  let message: String
}

extension DocMarker {
  /// Whether `line` is a marker line.
  static func isMarker(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("<!-- output"), trimmed.hasSuffix("-->") else { return false }
    let next = trimmed.dropFirst("<!-- output".count).first
    return next == " " || next == ":" || next == ","
  }

  /// Every marker in a Markdown file, in order, and every marker that could not be read.
  static func parse(_ text: String, file: String) -> (
    markers: [DocMarker], errors: [DocMarkerError]
  ) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var markers: [DocMarker] = []
    var errors: [DocMarkerError] = []
    var inFence = false
    for (index, line) in lines.enumerated() {
      if isFence(line) {
        inFence.toggle()
        continue
      }
      guard !inFence, isMarker(line) else { continue }
      do {
        markers.append(try parse(marker: line, at: index, in: lines, file: file))
      } catch let error as DocMarkerError {
        errors.append(error)
      } catch {
        errors.append(DocMarkerError(file: file, line: index + 1, message: "\(error)"))
      }
    }
    return (markers, errors)
  }

  static func isFence(_ line: String) -> Bool {
    line.trimmingCharacters(in: .whitespaces).hasPrefix("```")
  }

  private static func parse(marker line: String, at index: Int, in lines: [String], file: String)
    throws -> DocMarker
  {
    func fail(_ message: String) -> DocMarkerError {
      DocMarkerError(file: file, line: index + 1, message: message)
    }
    var body = Substring(line.trimmingCharacters(in: .whitespaces))
    body = body.dropFirst("<!-- output".count).dropLast("-->".count)

    // Split at the first ':' outside quotes: options before, the command after.
    var options = ""
    var command: String?
    var inQuote = false
    for (offset, character) in body.enumerated() {
      if character == "\"" { inQuote.toggle() }
      if character == ":" && !inQuote {
        options = String(body.prefix(offset))
        command = String(body.dropFirst(offset + 1)).trimmingCharacters(in: .whitespaces)
        break
      }
    }
    if command == nil { options = String(body) }
    if inQuote { throw fail("a quote is not closed") }
    if command?.isEmpty == true { throw fail("no command after ':'") }

    // The target: the first line after any stacked markers.
    var next = index + 1
    while next < lines.count && isMarker(lines[next]) { next += 1 }
    let target: Target
    var isBlock = false
    if next < lines.count && isFence(lines[next]) {
      guard let close = lines[(next + 1)...].firstIndex(where: isFence) else {
        throw fail("the fenced block after the marker is not closed")
      }
      target = .block(next + 1..<close)
      isBlock = true
    } else {
      var end = next
      while end < lines.count && !lines[end].trimmingCharacters(in: .whitespaces).isEmpty {
        end += 1
      }
      target = .text(next..<end)
    }

    var marker = DocMarker(file: file, line: index + 1, command: command, target: target)
    if case .block(let range) = target, command == nil {
      marker.needsRelease = lines[range].contains {
        $0.hasPrefix("$ ") && $0.contains("-c release")
      }
    } else {
      marker.needsRelease = command?.contains("-c release") ?? false
    }
    for option in splitOutsideQuotes(options) {
      let words = option.split(separator: " ", maxSplits: 1).map(String.init)
      guard let name = words.first else { continue }
      let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : nil
      func quoted() throws -> String {
        guard let argument, argument.count >= 2, argument.hasPrefix("\""), argument.hasSuffix("\"")
        else { throw fail("\(name) needs a \"quoted phrase\"") }
        return String(argument.dropFirst().dropLast())
      }
      switch name {
      case "exact", "timings", "shape", "sample", "tests":
        marker.mode = Mode(rawValue: name) ?? .exact
      case "slow": marker.slow = true
      case "stderr": marker.stderr = true
      case "scratch": marker.scratch = true
      case "diagram": marker.diagram = true
      case "from": marker.from = try quoted()
      case "background": marker.background = try quoted()
      case "needs": marker.needs = try quoted()
      case "expect": marker.expects.append(try quoted())
      case "says": marker.says.append(try quoted())
      case "length": marker.length = try quoted()
      case "tries":
        guard let argument, let count = Int(argument), (1...100).contains(count) else {
          throw fail("tries needs a whole number from 1 to 100")
        }
        marker.tries = count
      default:
        throw fail("unknown option '\(option)'")
      }
      if argument != nil
        && !["from", "background", "needs", "expect", "says", "length", "tries"].contains(name)
      {
        throw fail("option '\(name)' takes no value")
      }
    }

    if !marker.says.isEmpty || marker.length != nil {
      // A `says` marker checks phrases in the text that follows, fenced or not.
      if case .block(let range) = target { marker.target = .text(range) }
      guard command != nil else { throw fail("says needs a command") }
    } else if !isBlock {
      guard command != nil, !marker.expects.isEmpty else {
        throw fail("no fenced block after the marker (text needs says or expect, and a command)")
      }
    }
    return marker
  }

  /// Splits at commas that are not inside quotes; drops empty parts.
  private static func splitOutsideQuotes(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var inQuote = false
    for character in text {
      if character == "\"" { inQuote.toggle() }
      if character == "," && !inQuote {
        parts.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
