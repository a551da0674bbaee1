import CounterSpec

extension TraceComparison {
  /// The two traces side by side, one event per row, the first difference marked `>>`.
  ///
  /// Lanes for two runs would not fit a terminal side by side, so each side shows the events'
  /// stable text, cut to half the width. The middle column says `=` where a row is the same in
  /// both, `≠` where it differs.
  /// - Parameters:
  ///   - width: the widest a line may be, 100 by default.
  ///   - titles: the column headings, for example the two file names.
  public func sideBySide(width: Int = 100, titles: (String, String) = ("A", "B")) -> String {
    let difference = firstDifference
    let count = max(first.events.count, second.events.count)
    let numberWidth = max(3, String(count).count)
    let column = max(10, (width - 2 - numberWidth - 5) / 2)
    func fit(_ text: String) -> String {
      let cut = text.count <= column ? text : String(text.prefix(column - 1)) + "…"
      return cut + String(repeating: " ", count: column - cut.count)
    }
    func row(_ marker: String, _ number: String, _ left: String, _ middle: String, _ right: String)
      -> String
    {
      var line = marker + String(repeating: " ", count: numberWidth - number.count) + number
      line += " " + fit(left) + " " + middle + " " + fit(right)
      while line.last == " " { line.removeLast() }
      return line + "\n"
    }
    // Times are padded to a fixed width; drop the padding every line shares.
    let texts = (first.events.map(\.text), second.events.map(\.text))
    let indent = (texts.0 + texts.1).map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
    var output = row("  ", "", titles.0, " ", titles.1)
    for index in 0..<count {
      let left = index < texts.0.count ? String(texts.0[index].dropFirst(indent)) : ""
      let right = index < texts.1.count ? String(texts.1[index].dropFirst(indent)) : ""
      let same = index < first.events.count && index < second.events.count && left == right
      output += row(
        index == difference ? ">>" : "  ", String(index + 1), left, same ? "=" : "≠", right)
    }
    return output + verdict + "\n"
  }
}
