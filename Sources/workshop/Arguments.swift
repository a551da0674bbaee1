import Foundation

/// A mistake in the command line: printed as one line on standard error, exit status 2.
struct UsageError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// A small, strict parser over one subcommand's arguments.
///
/// Options are taken out by name (`--seed 7` or `--seed=7`); whatever is left at the end is an
/// error, so a typo never passes silently.
struct Arguments {
  private(set) var words: [String]

  init(_ words: [String]) { self.words = words }

  /// Whether `--help` or `-h` was given (and removes it).
  mutating func wantsHelp() -> Bool { flag("--help") || flag("-h") }

  /// Removes `name` if present; returns whether it was.
  ///
  /// A flag given twice stays in `words`, so `finish()` reports it as given twice.
  mutating func flag(_ name: String) -> Bool {
    guard let index = words.firstIndex(of: name) else { return false }
    words.remove(at: index)
    if words.contains(name) { repeated.append(name) }
    return true
  }

  /// Options and flags seen more than once, in the order they were asked for.
  private var repeated: [String] = []

  /// Removes `name VALUE` or `name=VALUE`; returns the value.
  /// - Throws: `UsageError` when the value is missing or `name` is given twice.
  mutating func option(_ name: String) throws -> String? {
    let given = words.filter { $0 == name || $0.hasPrefix(name + "=") }.count
    if given > 1 { throw UsageError("\(name) given twice (try --help)") }
    if let index = words.firstIndex(where: { $0.hasPrefix(name + "=") }) {
      let value = String(words[index].dropFirst(name.count + 1))
      words.remove(at: index)
      return value
    }
    guard let index = words.firstIndex(of: name) else { return nil }
    guard index + 1 < words.count, !words[index + 1].hasPrefix("--") else {
      throw UsageError("\(name) needs a value")
    }
    let value = words[index + 1]
    words.removeSubrange(index...index + 1)
    return value
  }

  /// An integer option within `range`, or `defaultValue` when absent.
  mutating func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws
    -> Int
  {
    guard let text = try option(name) else { return defaultValue }
    guard let value = Int(text), range.contains(value) else {
      throw UsageError(
        "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'"
      )
    }
    return value
  }

  /// A seed option (any unsigned 64-bit number), or `defaultValue` when absent.
  mutating func seed(_ name: String = "--seed", default defaultValue: UInt64) throws -> UInt64 {
    guard let text = try option(name) else { return defaultValue }
    guard let value = UInt64(text) else {
      throw UsageError("\(name) must be a whole number from 0 to \(UInt64.max), got '\(text)'")
    }
    return value
  }

  /// Removes and returns the first word if it does not start with `-`.
  mutating func positional() -> String? {
    guard let first = words.first, !first.hasPrefix("-") else { return nil }
    words.removeFirst()
    return first
  }

  /// Fails if anything was not understood.
  func finish() throws {
    if let name = repeated.first { throw UsageError("\(name) given twice (try --help)") }
    if let first = words.first { throw UsageError("unexpected argument '\(first)' (try --help)") }
  }
}

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes `text` and a newline to standard output, unbuffered, so progress shows while a long
/// run goes on. All output goes through here (never `print`), so lines keep their order.
func say(_ text: String, terminator: String = "\n") {
  FileHandle.standardOutput.write(Data((text + terminator).utf8))
}
