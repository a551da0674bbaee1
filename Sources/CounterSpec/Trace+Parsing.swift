// Reading a trace back from its stable text form, so a saved run can be rendered and compared
// later, in another process, without re-running it.

extension Trace {
  /// Reads a trace back from its stable text form, as `text` writes it.
  ///
  /// Saving `text` and parsing it back is how traces travel between processes (`workshop
  /// compare`). For every trace the levels record, `Trace(parsing: trace.text) == trace`. The
  /// text form has one catch-all shape (a note about the whole run), so the parser is strict
  /// about everything else: a line that starts like an arrow, a timer or a violation must be one.
  /// - Parameter text: lines as `Trace.text` writes them; a missing final newline is accepted.
  /// - Throws: `TraceParseError` naming the first line that cannot be read.
  /// - Complexity: O(*n*) in the length of `text`.
  public init(parsing text: String) throws(TraceParseError) {
    var events: [TraceEvent] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if text.hasSuffix("\n") || text.isEmpty { lines.removeLast() }
    for (offset, line) in lines.enumerated() {
      events.append(try TraceEvent(parsing: line, line: offset + 1))
    }
    self.init(events)
  }
}

extension TraceEvent {
  /// Reads one event back from its `text`; `line` is only used in errors.
  init(parsing line: Substring, line number: Int) throws(TraceParseError) {
    for scalar in line.unicodeScalars
    where (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F {
      throw TraceParseError(line: number, "control character U+\(Self.hex4(scalar.value))")
    }
    var body = line
    var time: Int64?
    if let (micros, rest) = Self.splitTime(line) {
      time = micros
      body = rest
    }
    self.init(time: time, try Self.kind(parsing: body, line: number))
  }

  /// Splits `    12.500ms  rest` into 12500 and `rest`; `nil` when the line has no time.
  private static func splitTime(_ line: Substring) -> (Int64, Substring)? {
    let trimmed = line.drop(while: { $0 == " " })
    guard
      let end = trimmed.firstRange(of: "ms  ")
        ?? trimmed.firstRange(of: "ms").flatMap({
          $0.upperBound == trimmed.endIndex ? $0 : nil
        })
    else { return nil }
    var number = trimmed[..<end.lowerBound]
    let negative = number.hasPrefix("-")
    if negative { number = number.dropFirst() }
    let parts = number.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 3, !parts[0].isEmpty,
      parts[0].allSatisfy(\.isASCIIDigitForTrace), parts[1].allSatisfy(\.isASCIIDigitForTrace),
      let whole = Int64(parts[0]), let fraction = Int64(parts[1])
    else { return nil }
    let (scaled, overflow) = whole.multipliedReportingOverflow(by: 1000)
    guard !overflow, scaled <= Int64.max - fraction else { return nil }
    let magnitude = scaled + fraction
    return (negative ? -magnitude : magnitude, trimmed[end.upperBound...])
  }

  private static func kind(parsing body: Substring, line: Int) throws(TraceParseError) -> Kind {
    if body.hasPrefix("!! ") {
      return .violation(try violation(parsing: body.dropFirst(3), line: line))
    }
    guard let space = body.firstIndex(of: " "), let node = NodeID(parsing: body[..<space]) else {
      return .note(nil, String(body))
    }
    let rest = body[space...]
    for (arrow, shape) in arrows where rest.hasPrefix(" \(arrow) ") {
      let tail = rest.dropFirst(arrow.count + 2)
      guard let gap = tail.firstRange(of: "  "),
        let other = NodeID(parsing: tail[..<gap.lowerBound])
      else {
        throw TraceParseError(line: line, "expected '\(node) \(arrow) NODE  MESSAGE'")
      }
      var message = tail[gap.upperBound...]
      if let suffix = shape.suffix {
        guard message.hasSuffix(suffix) else {
          throw TraceParseError(line: line, "expected the line to end in '\(suffix)'")
        }
        message = message.dropLast(suffix.count)
      }
      return shape.make(node, other, String(message))
    }
    guard rest.hasPrefix("  ") else { return .note(nil, String(body)) }
    let text = rest.dropFirst(2)
    if text.hasPrefix("timer "), text.hasSuffix(" fired"), text.count >= 12 {
      return .timer(node, name: String(text.dropFirst(6).dropLast(6)))
    }
    if case .replica(let replica) = node {
      if text == "CRASH (volatile state lost)" { return .crash(replica) }
      if text == "restart (state from disk)" { return .restart(replica) }
      if text.hasPrefix("value = ") {
        guard let value = Int(text.dropFirst(8)) else {
          throw TraceParseError(line: line, "expected a whole number after 'value = '")
        }
        return .value(replica, value)
      }
    }
    return .note(node, String(text))
  }

  /// The four arrow shapes of the text form: how each reads, and which end is the sender.
  private static let arrows: [(String, ArrowShape)] = [
    (
      "<-",
      ArrowShape(suffix: nil) { to, from, message in .deliver(from: from, to: to, message: message)
      }
    ),
    (
      "->",
      ArrowShape(suffix: nil) { from, to, message in .send(from: from, to: to, message: message) }
    ),
    (
      "-x",
      ArrowShape(suffix: "  (dropped)") { from, to, message in
        .drop(from: from, to: to, message: message)
      }
    ),
    (
      "=>",
      ArrowShape(suffix: "  (duplicated)") { from, to, message in
        .duplicate(from: from, to: to, message: message)
      }
    ),
  ]

  private struct ArrowShape: Sendable {
    let suffix: String?
    let make: @Sendable (NodeID, NodeID, String) -> Kind
  }

  /// Reads `PROPERTY broken[ on rK] at step S[ (REQUEST)]: DETAIL`, as `Violation.description`
  /// writes it.
  private static func violation(parsing text: Substring, line: Int) throws(TraceParseError)
    -> Violation
  {
    let bad = TraceParseError(
      line: line, "expected '!! PROPERTY broken [on rN] at step N [(cN#N)]: DETAIL'")
    guard let property = Property.allCases.first(where: { text.hasPrefix($0.rawValue + " broken") })
    else { throw bad }
    var rest = text.dropFirst(property.rawValue.count + 7)
    var replica: ReplicaID?
    if rest.hasPrefix(" on ") {
      rest = rest.dropFirst(4)
      guard let space = rest.firstIndex(of: " "),
        case .replica(let id)? = NodeID(parsing: rest[..<space])
      else { throw bad }
      replica = id
      rest = rest[space...]
    }
    guard rest.hasPrefix(" at step ") else { throw bad }
    rest = rest.dropFirst(9)
    let digits = rest.prefix(while: \.isASCIIDigitForTrace)
    guard let step = Int(digits) else { throw bad }
    rest = rest[digits.endIndex...]
    var request: RequestID?
    if rest.hasPrefix(" (") {
      guard let close = rest.firstIndex(of: ")"),
        let id = RequestID(parsing: rest[rest.index(rest.startIndex, offsetBy: 2)..<close])
      else { throw bad }
      request = id
      rest = rest[rest.index(after: close)...]
    }
    guard rest.hasPrefix(": ") else { throw bad }
    return Violation(
      property: property, replica: replica, request: request, step: step,
      detail: String(rest.dropFirst(2)))
  }

  private static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

extension NodeID {
  /// Reads `c3` or `r0`; `nil` for anything else.
  init?(parsing text: Substring) {
    guard let letter = text.first, let index = Self.index(text.dropFirst()) else { return nil }
    switch letter {
    case "c": self = .client(ClientID(index))
    case "r": self = .replica(ReplicaID(index))
    default: return nil
    }
  }

  /// A non-negative index written in plain decimal digits, without a sign or leading zeros.
  static func index(_ digits: Substring) -> Int? {
    guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitForTrace),
      digits == "0" || !digits.hasPrefix("0")
    else { return nil }
    return Int(digits)
  }
}

extension RequestID {
  /// Reads `c0#1` (as `description` writes it); `nil` for anything else.
  public init?(parsing text: Substring) {
    guard let hash = text.firstIndex(of: "#"),
      case .client(let client)? = NodeID(parsing: text[..<hash]),
      let number = NodeID.index(text[text.index(after: hash)...])
    else { return nil }
    self.init(client: client, number: number)
  }
}

extension Character {
  /// `0` to `9` only (not other scripts' digits, which `Int(_:)` would refuse anyway).
  fileprivate var isASCIIDigitForTrace: Bool { isASCII && isNumber }
}
