/// Why a text could not be read back as a `Trace`: which line, and what was wrong with it.
///
/// Saved traces are files people copy, edit and mix up; a bad one must give a one-line reason a
/// reader can act on, never a crash.
public struct TraceParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The line that could not be read (1-based).
  public let line: Int
  /// What was wrong with it.
  public let reason: String

  /// Creates an error for `line`.
  public init(line: Int, _ reason: String) {
    self.line = line
    self.reason = reason
  }

  /// One line, for example `line 3: unknown node 'x9'`.
  public var description: String { "line \(line): \(reason)" }
}
