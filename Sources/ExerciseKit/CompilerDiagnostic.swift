/// One `error:` the Swift compiler reported about a file, read from a build's output.
///
/// `workshop verify` builds your exercises and, when they do not compile, shows these instead of
/// the build log: each error once (the compiler reports some twice), with the file relative to the
/// repository and the source line it points at.
public struct CompilerDiagnostic: Equatable, Sendable {
  /// The file as the compiler printed it (usually an absolute path).
  public let path: String
  /// The line, from 1.
  public let line: Int
  /// The column, from 1.
  public let column: Int
  /// The compiler's message, for example `cannot find 'x' in scope`.
  public let message: String

  /// Creates a diagnostic.
  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// Every `path:line:column: error: message` line of `output`, each once, in order of first
  /// appearance.
  ///
  /// - Complexity: O(*n*) in the length of `output`.
  public static func errors(in output: String) -> [CompilerDiagnostic] {
    var found: [CompilerDiagnostic] = []
    var seen: Set<String> = []
    for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
      guard let diagnostic = parse(line) else { continue }
      let key = "\(diagnostic.path):\(diagnostic.line):\(diagnostic.column): \(diagnostic.message)"
      if seen.insert(key).inserted { found.append(diagnostic) }
    }
    return found
  }

  /// The diagnostic as a learner should read it: `file:line:column: error: message`, then the
  /// source line (when given) with a caret under the column.
  ///
  /// - Parameters:
  ///   - root: the repository's path with a trailing `/`; removed from the front of `path`.
  ///   - source: the text of line `line` of the file, or `nil` when it cannot be read.
  public func rendered(root: String, source: String?) -> [String] {
    let file = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    var lines = ["\(file):\(line):\(column): error: \(message)"]
    if let source {
      let number = String(line)
      let gutter = String(repeating: " ", count: number.count)
      // Tabs stay tabs, so the caret lines up however the terminal shows them.
      let indent = source.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
      lines.append("  \(number) | \(source)")
      lines.append("  \(gutter) | \(indent)^")
    }
    return lines
  }

  /// Reads `path:line:column: error: message`, or returns `nil`.
  static func parse(_ text: Substring) -> CompilerDiagnostic? {
    guard let marker = text.firstRange(of: ": error: ") else { return nil }
    let message = String(text[marker.upperBound...])
    let location = text[..<marker.lowerBound].split(
      separator: ":", omittingEmptySubsequences: false)
    guard location.count >= 3, let line = Int(location[location.count - 2]),
      let column = Int(location[location.count - 1])
    else { return nil }
    let path = location.dropLast(2).joined(separator: ":")
    guard !path.isEmpty else { return nil }
    return CompilerDiagnostic(path: path, line: line, column: column, message: message)
  }
}
