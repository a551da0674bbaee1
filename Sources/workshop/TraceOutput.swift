import CounterSpec
import Foundation
import TraceViews

/// The trace options every run command shares: `--format text|mermaid|html`, `--out FILE` and
/// `--save FILE`, and the writing of what they ask for.
///
/// Kept in one place so `level2`, `level3` (and later commands) each need one line to parse and
/// one call to write, and all say the same thing about where the output went.
struct TraceOutput {
  /// What to draw.
  enum Format: String, CaseIterable {
    case text, mermaid, html
  }

  static let help = """
      --format F     draw the trace: text (lanes for a terminal), mermaid (a sequenceDiagram
                     for Markdown; without --out the command's other lines become %% comments,
                     so > run.mmd is valid Mermaid) or html (one self-contained page; needs --out)
      --out FILE     write the drawing to FILE instead of standard output (the format follows
                     the extension when --format is absent: .html, .mmd, anything else text)
      --save FILE    save the trace's stable text form, for workshop compare A B
    """

  var format: Format?
  var out: String?
  var save: String?

  /// Takes `--format`, `--out` and `--save` out of `arguments`.
  init(_ arguments: inout Arguments, formats: [Format] = Format.allCases) throws {
    out = try arguments.option("--out")
    save = try arguments.option("--save")
    if let text = try arguments.option("--format") {
      guard let format = Format(rawValue: text), formats.contains(format) else {
        let names = formats.map(\.rawValue).joined(separator: ", ")
        throw UsageError("--format must be one of \(names), got '\(text)'")
      }
      self.format = format
    } else if let out {
      format =
        out.hasSuffix(".html") || out.hasSuffix(".htm")
        ? .html : out.hasSuffix(".mmd") ? .mermaid : .text
    }
    if format == .html, out == nil { throw UsageError("--format html needs --out FILE") }
  }

  /// Whether the drawing goes to standard output, in place of the plain trace.
  var drawsToStandardOutput: Bool { format != nil && out == nil }

  /// Prints `text`, a line around the drawing (a header, a summary, "wrote FILE"), one line at
  /// a time.
  ///
  /// When a Mermaid diagram goes to standard output, every such line becomes a `%%` comment, so
  /// `workshop level3 --format mermaid > run.mmd` is a valid Mermaid file by itself, with the
  /// command's own lines kept inside it.
  func say(_ text: String) {
    guard format == .mermaid, out == nil else {
      workshop.say(text)
      return
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      workshop.say(line.isEmpty ? "%%" : "%% \(line)")
    }
  }

  /// Draws `trace` to standard output if that is where it goes; returns whether it did.
  func show(_ trace: Trace) -> Bool {
    guard drawsToStandardOutput, let format else { return false }
    workshop.say(render(trace, as: format, title: "", colour: isatty(1) == 1), terminator: "")
    return true
  }

  /// Writes the `--out` drawing and the `--save` text, saying where each went.
  func write(_ trace: Trace, title: String) throws {
    if let out, let format {
      try Self.write(render(trace, as: format, title: title, colour: false), to: out)
      say("wrote \(out) (\(format.rawValue), \(pluralized(trace.events.count, "event")))")
    }
    if let save {
      try Self.write(trace.text, to: save)
      say(
        "saved \(save) (\(pluralized(trace.events.count, "event")), "
          + "fingerprint \(trace.fingerprintHex))")
    }
  }

  func render(_ trace: Trace, as format: Format, title: String, colour: Bool) -> String {
    switch format {
    case .text: LaneDiagram(colour: colour).render(trace)
    case .mermaid: MermaidDiagram().render(trace)
    case .html: HTMLTracePage().render(trace, title: title)
    }
  }

  /// Writes `text` to `path`; a failure is one line and exit status 1.
  static func write(_ text: String, to path: String) throws {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw FileError("cannot write '\(path)': \(error.localizedDescription)")
    }
  }

  /// Reads a trace saved with `--save`; a missing or corrupt file is a one-line usage error.
  static func load(_ path: String) throws -> Trace {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError("cannot read '\(path)'")
    }
    do {
      return try TraceFile.decode(Array(data))
    } catch {
      throw UsageError("'\(path)' is not a saved trace: \(error.description)")
    }
  }
}
