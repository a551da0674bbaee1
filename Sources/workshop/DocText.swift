import Foundation

/// Comparing what the course text shows with what a command printed.
enum DocText {
  /// The lines of `text`, without trailing spaces and without trailing blank lines.
  static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// Runs of spaces and tabs as one space, without leading or trailing space.
  static func collapsed(_ line: String) -> String {
    line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// Runs of spaces and tabs as one space, leading and trailing ones included.
  static func spaced(_ text: String) -> String {
    text.replacing(#/[ \t]+/#, with: " ")
  }

  /// What of `line` must be equal for two lines to match in `mode`.
  static func key(_ line: String, mode: DocMarker.Mode) -> String {
    switch mode {
    case .exact, .tests:
      return line
    case .timings:
      // Columns widen with their numbers: rules of dashes may differ in length too.
      let timings = line.replacing(#/\d+\.\d+[kM]?/#, with: "<n>")
      return collapsed(timings.replacing(#/-{3,}/#, with: "---"))
    case .shape, .sample:
      var shape = line.replacing(#/\[[^\[\]]*\]/#, with: "[...]")
      shape = shape.replacing(#/\{[^{}]*\}/#, with: "{...}")
      shape = shape.replacing(#/\b[0-9a-f]{16}\b/#, with: "<h>")
      shape = shape.replacing(#/\d+(\.\d+)?[kM]?/#, with: "<n>")
      // A count's noun follows it: "1 run" and "27 runs" have one shape.
      shape = shape.replacing(#/<n> (\w+?)s\b/#) { "<n> \($0.1)" }
      shape = shape.replacing(#/-{3,}/#, with: "---")
      return collapsed(shape)
    }
  }

  /// A sample line without the course text's own annotation (`   (3) r2 counts it`).
  static func withoutNote(_ line: String) -> String {
    line.replacing(#/\s{2,}\(\d+\)\s.*$/#, with: "")
  }

  /// Whether a block line stands for lines left out.
  static func isEllipsis(_ line: String) -> Bool {
    line.trimmingCharacters(in: .whitespaces) == "..."
  }

  /// nil when `block` matches `output` in `mode` (a `...` line matches any number of lines);
  /// otherwise the first difference, in a few words. `firstLine` numbers the block's lines.
  static func difference(
    block: [String], output: [String], mode: DocMarker.Mode, firstLine: Int
  ) -> String? {
    let wanted = block.map { isEllipsis($0) ? nil : key($0, mode: mode) }
    let got = output.map { key($0, mode: mode) }
    // reach[i][j]: the first i block lines match the first j output lines.
    var reach = Array(
      repeating: Array(repeating: false, count: got.count + 1), count: wanted.count + 1)
    reach[0][0] = true
    for i in wanted.indices {
      for j in 0...got.count where reach[i][j] {
        if let line = wanted[i] {
          if j < got.count && got[j] == line { reach[i + 1][j + 1] = true }
        } else {
          for k in j...got.count { reach[i + 1][k] = true }
        }
      }
    }
    if reach[wanted.count][got.count] { return nil }
    var i = wanted.count
    while i > 0 && !reach[i].contains(true) { i -= 1 }
    let j = reach[i].firstIndex(of: true) ?? 0
    if i == wanted.count {
      return "the output goes on after the block's last line: \(quote(output[j]))"
    }
    let shown = "line \(firstLine + i) shows \(quote(block[i]))"
    return j < output.count
      ? "\(shown), the output has \(quote(output[j]))" : "\(shown), the output ended"
  }

  /// The indices of `block` lines whose shape is not among `seen` (`...` lines aside).
  static func unseen(block: [String], seen: Set<String>) -> [Int] {
    block.indices.filter { index in
      !isEllipsis(block[index]) && !seen.contains(key(withoutNote(block[index]), mode: .shape))
    }
  }

  /// A line shortened for a one-line report.
  static func quote(_ line: String) -> String {
    let trimmed = collapsed(line)
    return trimmed.count <= 60 ? "'\(trimmed)'" : "'\(trimmed.prefix(57))...'"
  }

  // MARK: - Phrases

  /// `175,748` as `175748`, everywhere in `text`.
  static func withoutGrouping(_ text: String) -> String {
    var result = text
    while true {
      let next = result.replacing(#/(\d),(\d{3})(?!\d)/#) { "\($0.output.1)\($0.output.2)" }
      if next == result { return result }
      result = next
    }
  }

  /// Whether some line of `output` contains `phrase`, where `A..B` in the phrase stands for any
  /// number from A to B and spacing may differ.
  static func contains(_ output: [String], expectation phrase: String) -> Bool {
    let ranges = collapsed(phrase).matches(of: #/(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)/#)
    var pattern = ""
    var bounds: [(Double, Double)] = []
    var rest = Substring(collapsed(phrase))
    for range in ranges {
      guard let low = Double(range.output.1), let high = Double(range.output.2) else { continue }
      let text = String(range.output.0)
      guard let found = rest.range(of: text) else { continue }
      pattern += escaped(String(rest[..<found.lowerBound])) + #"(\d+(?:\.\d+)?)"#
      rest = rest[found.upperBound...]
      bounds.append((low, high))
    }
    pattern += escaped(String(rest))
    guard let regex = try? Regex(pattern) else { return false }
    for line in output.map({ collapsed(withoutGrouping($0)) }) {
      for match in line.matches(of: regex) {
        let numbers = bounds.indices.compactMap { index in
          match.output[index + 1].substring.flatMap { Double($0) }
        }
        if numbers.count == bounds.count
          && zip(numbers, bounds).allSatisfy({ $0 >= $1.0 && $0 <= $1.1 })
        {
          return true
        }
      }
    }
    return false
  }

  /// The phrase with its numbers replaced by the ones the last output line with the phrase's
  /// words has, or nil when no output line has them. `175,748` stays grouped in the new phrase.
  static func updated(_ phrase: String, from output: [String]) -> String? {
    let numbers = Array(phrase.matches(of: #/\d[\d,]*(\.\d+)?/#))
    var pattern = ""
    var position = phrase.startIndex
    for number in numbers {
      pattern += escaped(spaced(String(phrase[position..<number.range.lowerBound])))
      pattern += #"(\d+(?:\.\d+)?)"#
      position = number.range.upperBound
    }
    pattern += escaped(spaced(String(phrase[position...])))
    guard let regex = try? Regex(pattern) else { return nil }
    // The last line that says it: summaries come after progress lines.
    for line in output.map({ collapsed(withoutGrouping($0)) }).reversed() {
      guard let match = line.firstMatch(of: regex) else { continue }
      var result = ""
      position = phrase.startIndex
      for (index, number) in numbers.enumerated() {
        result += phrase[position..<number.range.lowerBound]
        let found = match.output[index + 1].substring.map(String.init) ?? ""
        result += number.output.0.contains(",") ? grouped(found) : found
        position = number.range.upperBound
      }
      return result + phrase[position...]
    }
    return nil
  }

  /// `175748` as `175,748`.
  static func grouped(_ digits: String) -> String {
    guard digits.allSatisfy(\.isNumber) else { return digits }
    var result = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
      result.append(digit)
    }
    return result
  }

  /// `text` as a regular expression that matches it literally.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      if "\\^$.|?*+()[]{}/#".contains(character) { result += "\\" }
      result.append(character)
    }
    return result
  }

  // MARK: - swift test

  /// The index of Swift Testing's closing line and the test and suite counts it states.
  static func closingLine(_ lines: [String]) -> (index: Int, tests: Int, suites: Int)? {
    for (index, line) in lines.enumerated() {
      if let match = line.firstMatch(of: #/Test run with (\d+) tests? in (\d+) suites? passed/#),
        let tests = Int(match.output.1), let suites = Int(match.output.2)
      {
        return (index, tests, suites)
      }
    }
    return nil
  }
}
