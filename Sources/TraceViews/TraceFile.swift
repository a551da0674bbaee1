import CounterSpec

/// Reads a saved trace file (the stable text form `Trace.text`, as `--save` writes it) and
/// refuses anything that is not one.
///
/// The file is exactly `trace.text`, so `diff` works on two saved runs and the FNV-1a of the
/// file's bytes is the fingerprint the CLI printed. Because the text form has a catch-all line
/// (a note), a stray text file would otherwise read as a trace of notes: a file must be UTF-8,
/// end in a newline (`--save` always writes one: a file cut short does not), and at least one
/// line must be a real event (an arrow, a timer, a value, a violation...).
public enum TraceFile {
  /// Why a file is not a trace.
  public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
    /// A one-line reason, for example `line 3: unknown node 'x9'`.
    public let description: String

    /// Creates an error with a one-line reason.
    public init(_ description: String) { self.description = description }
  }

  /// Decodes the bytes of a saved trace.
  /// - Throws: `TraceFile.Invalid` with a one-line reason.
  public static func decode(_ bytes: [UInt8]) throws(Invalid) -> Trace {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Invalid("not UTF-8 text, so not a saved trace")
    }
    guard text.isEmpty || text.hasSuffix("\n") else {
      throw Invalid("the last line has no newline: the file was cut short or is not a trace")
    }
    let trace: Trace
    do {
      trace = try Trace(parsing: text)
    } catch {
      throw Invalid(error.description)
    }
    let hasEvent = trace.events.contains {
      if case .note(nil, _) = $0.kind { false } else { true }
    }
    guard hasEvent else {
      throw Invalid("no trace events in it (save one with --save FILE)")
    }
    return trace
  }

  /// The bytes to save for `trace`: its stable text form.
  public static func encode(_ trace: Trace) -> [UInt8] { Array(trace.text.utf8) }
}
