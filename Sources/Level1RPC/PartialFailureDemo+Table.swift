/// Text rendering of the demo's rows, shared by the CLI, the tour and the course text.
extension PartialFailureDemo.Row {
  /// What the client saw, for example `ok after 1 retry (timeout)`.
  public var clientSaw: String { report.summary }

  /// The checker's verdict: `ok`, or the broken property, `BROKEN: no double counting`.
  ///
  /// The numbers behind it are in the "server counted" column; `violation` has the details.
  public var verdict: String {
    guard let violation else { return "ok" }
    return "BROKEN: \(violation.property.rawValue)"
  }
}

extension PartialFailureDemo {
  /// The rows as an aligned table: a header, a rule, then one line per row.
  public static func table(_ rows: [Row]) -> [String] {
    let header = ["failure point", "policy", "client saw", "server counted", "verdict"]
    let cells = rows.map {
      [
        $0.fault.description, $0.policy.description, $0.clientSaw, "\($0.serverCounted)",
        $0.verdict,
      ]
    }
    var widths = header.map(\.count)
    for row in cells {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func line(_ row: [String]) -> String {
      var text = ""
      for (index, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        // The count is a number: right-align it under its header.
        text += index == 3 ? padding + cell : cell + padding
        if index < row.count - 1 { text += "  " }
      }
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    let rule = widths.map { String(repeating: "-", count: $0) }
    return [line(header), line(rule)] + cells.map(line)
  }

  /// The closing line, for example
  /// `level1: one increment() became {0, 1, 2} increments across 10 cases`.
  public static func summary(_ rows: [Row]) -> String {
    let counts = distinctCounts(rows).map(String.init).joined(separator: ", ")
    return "level1: one increment() became {\(counts)} increments across \(rows.count) cases"
  }
}
