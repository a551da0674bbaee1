import CounterSpec

// The schedule file: one format for every tool that writes a schedule (`level4 --save-schedule`,
// `level3 --save-schedule`, `level3 shrink --save-schedule`, the stepper's `s FILE`) and for the
// one that reads it (`level3 step --schedule FILE`).
//
//     # a comment: a line whose first non-blank is '#'; blank lines are ignored too
//     schedule v1
//     protocol flawed
//     replicas 2
//     clients 1
//     increments 2
//     attempts 2
//     timeout-ms 20
//     gossip-ms 30
//     seed 7
//     choices
//     fire c0 retry c0#1 (attempt 1)
//     deliver c0 -> r0  increment c0#1
//     deliver r0 -> r1  sync [1,0] {c0#1}
//
// The header names the cluster (the numbers a replay uses) and the protocol; after `choices`,
// each line is one `Choice` in its `description` form. Fault rates are not written: the choices
// replace them, so a schedule read back has none.

extension Schedule {
  /// The schedule as a file: a header with the cluster's numbers and the protocol, then one
  /// choice per line. The same bytes in every process; `Schedule(parsing:)` reads it back.
  public var fileText: String {
    var lines = [
      "# Which Level schedule: \(pluralized(choices.count, "choice")), one per line.",
      "# Open it with: swift run workshop level3 step --schedule FILE",
      "schedule v1",
      "protocol \(protocolName)",
      "replicas \(scenario.replicas)",
      "clients \(scenario.clients)",
      "increments \(scenario.incrementsPerClient)",
      "attempts \(scenario.maxAttempts)",
      "timeout-ms \(scenario.clientTimeoutMs)",
      "gossip-ms \(scenario.gossipIntervalMs)",
      "seed \(scenario.seed)",
      "choices",
    ]
    lines += choices.map(\.description)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads a schedule file, as `fileText` writes it.
  ///
  /// Strict, because schedules are files people edit by hand: every header line must be known,
  /// every number in range, every choice must name replicas and clients of the cluster.
  /// A line starting with `#` is a comment; blank lines are ignored.
  /// - Throws: `TraceParseError` naming the first line that cannot be read.
  /// - Complexity: O(*n*) in the length of `text`.
  public init(parsing text: String) throws(TraceParseError) {
    var header: [String: (value: Int, line: Int)] = [:]
    var protocolName: String?
    var sawVersion = false
    var inChoices = false
    var choices: [(Choice, Int)] = []
    let keys = [
      "replicas", "clients", "increments", "attempts", "timeout-ms", "gossip-ms", "seed",
    ]
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let number = offset + 1
      let line = Self.stripped(raw)
      guard !line.isEmpty else { continue }
      for scalar in line.unicodeScalars where scalar.value < 0x20 && scalar != "\t" {
        throw TraceParseError(line: number, "control character in a schedule")
      }
      if inChoices {
        do {
          choices.append((try Choice(parsing: line), number))
        } catch {
          throw TraceParseError(line: number, error.reason)
        }
        continue
      }
      let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
      switch words[0] {
      case "schedule":
        guard words.count == 2, words[1] == "v1" else {
          throw TraceParseError(line: number, "expected 'schedule v1', got '\(line)'")
        }
        sawVersion = true
      case _ where !sawVersion:
        throw TraceParseError(line: number, "not a schedule file: it must start 'schedule v1'")
      case "protocol":
        guard words.count == 2 else {
          throw TraceParseError(line: number, "expected 'protocol NAME', got '\(line)'")
        }
        protocolName = words[1]
      case "choices":
        guard words.count == 1 else {
          throw TraceParseError(line: number, "expected 'choices' alone on its line")
        }
        inChoices = true
      case let key where keys.contains(key):
        guard words.count == 2, let value = Int(words[1]), value >= 0 else {
          throw TraceParseError(line: number, "expected '\(key) N' with N >= 0, got '\(line)'")
        }
        guard header[key] == nil else {
          throw TraceParseError(line: number, "'\(key)' given twice")
        }
        header[key] = (value, number)
      case let other:
        throw TraceParseError(line: number, "unknown header line '\(other)'")
      }
    }
    let count = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let lastLine = max(1, text.hasSuffix("\n") ? count - 1 : count)
    guard sawVersion else {
      throw TraceParseError(line: 1, "not a schedule file: it must start 'schedule v1'")
    }
    guard let protocolName else { throw TraceParseError(line: lastLine, "no 'protocol' line") }
    guard inChoices else { throw TraceParseError(line: lastLine, "no 'choices' line") }
    for key in keys.dropLast() where header[key] == nil {
      throw TraceParseError(line: lastLine, "no '\(key)' line")
    }
    let scenario = Scenario(
      replicas: header["replicas"]!.value, clients: header["clients"]!.value,
      incrementsPerClient: header["increments"]!.value,
      clientTimeoutMs: header["timeout-ms"]!.value, maxAttempts: header["attempts"]!.value,
      gossipIntervalMs: header["gossip-ms"]!.value, dropRate: 0, duplicateRate: 0,
      seed: UInt64(header["seed"]?.value ?? 7))
    if let problem = scenario.validate() {
      throw TraceParseError(line: header["replicas"]!.line, problem)
    }
    for (choice, number) in choices {
      if let problem = choice.problem(in: scenario) {
        throw TraceParseError(line: number, problem)
      }
    }
    self.init(scenario: scenario, protocolName: protocolName, choices: choices.map(\.0))
  }

  /// `line` without surrounding blanks; empty for a comment (`#` first: requests such as
  /// `c0#1` contain `#`, so a comment takes a line of its own).
  private static func stripped(_ line: Substring) -> String {
    let body = line.drop { $0 == " " || $0 == "\t" }
    if body.first == "#" { return "" }
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    return String(body.drop(while: blank).reversed().drop(while: blank).reversed())
  }
}

extension Choice {
  /// Why a `Choice` text could not be read: one line.
  public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public let reason: String

    /// Creates an error.
    public init(_ reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
  }

  /// Reads a choice back from its `description`: `deliver c0 -> r1  increment c0#1`,
  /// `fire r0 gossip`, `write r0`, `crash r1`, `cut r0 -> r1`, `heal`. Any run of blanks
  /// separates words.
  /// - Throws: `Choice.ParseError` with a one-line reason.
  public init(parsing text: String) throws(ParseError) {
    let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let verb = words.first else { throw ParseError("empty choice") }
    let rest = Array(words.dropFirst())
    func one(_ make: (ReplicaID) -> Choice) throws(ParseError) -> Choice {
      guard rest.count == 1 else { throw ParseError("expected '\(verb) rN', got '\(text)'") }
      return make(try Self.replica(rest[0]))
    }
    switch verb {
    case "deliver": self = .deliver(try Self.packet(rest, text))
    case "drop": self = .drop(try Self.packet(rest, text))
    case "duplicate": self = .duplicate(try Self.packet(rest, text))
    case "fire": self = .fire(try Self.timer(rest, text))
    case "write": self = try one(Choice.completeWrite)
    case "crash": self = try one(Choice.crash)
    case "restart": self = try one(Choice.restart)
    case "cut":
      guard rest.count == 3, rest[1] == "->" else {
        throw ParseError("expected 'cut rA -> rB', got '\(text)'")
      }
      self = .cut(from: try Self.replica(rest[0]), to: try Self.replica(rest[2]))
    case "heal":
      guard rest.isEmpty else { throw ParseError("expected 'heal' alone, got '\(text)'") }
      self = .heal
    default:
      throw ParseError(
        "unknown choice '\(verb)' (deliver, drop, duplicate, fire, write, crash, restart, cut, "
          + "heal)")
    }
  }

  /// Why this choice cannot belong to a run of `scenario` (a replica or client it does not
  /// have, a tally of the wrong size), or `nil`.
  public func problem(in scenario: Scenario) -> String? {
    var replicas: [ReplicaID] = []
    var clients: [ClientID] = []
    var tallies: [Tally] = []
    func add(_ packet: Packet) {
      switch packet {
      case .request(let request, let to):
        clients.append(request.client)
        replicas.append(to)
      case .sync(let tally, let from, let to):
        replicas += [from, to]
        tallies.append(tally)
      case .ack(let request, let from, let to):
        replicas.append(from)
        clients += [request.client, to]
      }
    }
    switch self {
    case .deliver(let packet), .drop(let packet), .duplicate(let packet): add(packet)
    case .fire(.replica(let id, _)): replicas.append(id)
    case .fire(.client(let id, .retry(let request, _))): clients += [id, request.client]
    case .completeWrite(let id), .crash(let id), .restart(let id): replicas.append(id)
    case .cut(let from, let to): replicas += [from, to]
    case .heal: break
    }
    if let replica = replicas.first(where: { $0.index >= scenario.replicas }) {
      return "no replica \(replica) in a cluster of \(pluralized(scenario.replicas, "replica"))"
    }
    if let client = clients.first(where: { $0.index >= scenario.clients }) {
      return "no client \(client) in a run of \(pluralized(scenario.clients, "client"))"
    }
    if let tally = tallies.first(where: { $0.replicas != scenario.replicas }) {
      return "tally \(tally) has \(tally.replicas) slots for \(scenario.replicas) replicas"
    }
    return nil
  }

  // MARK: - Pieces

  private static func packet(_ words: [String], _ text: String) throws(ParseError) -> Packet {
    guard words.count >= 4, words[1] == "->" else {
      throw ParseError("expected 'FROM -> TO  MESSAGE', got '\(text)'")
    }
    let (from, to, kind, body) = (words[0], words[2], words[3], Array(words[4...]))
    switch kind {
    case "increment":
      guard body.count == 1 else { throw ParseError("expected 'increment cN#K', got '\(text)'") }
      let request = try Self.request(body[0])
      guard try Self.client(from) == request.client else {
        throw ParseError("\(request) must come from \(request.client), not \(from)")
      }
      return .request(request, to: try Self.replica(to))
    case "sync":
      guard body.count == 2 else {
        throw ParseError("expected 'sync [n,...] {cN#K,...}', got '\(text)'")
      }
      return .sync(try Self.tally(body[0], body[1]), from: try replica(from), to: try replica(to))
    case "ack":
      guard body.count == 1 else { throw ParseError("expected 'ack cN#K', got '\(text)'") }
      return .ack(try Self.request(body[0]), from: try replica(from), to: try client(to))
    default:
      throw ParseError("unknown message '\(kind)' (increment, sync, ack)")
    }
  }

  private static func timer(_ words: [String], _ text: String) throws(ParseError) -> TimerRef {
    if words.count == 2, words[1] == "gossip" {
      return .replica(try replica(words[0]), .gossip)
    }
    guard words.count == 5, words[1] == "retry", words[3] == "(attempt", words[4].hasSuffix(")"),
      let attempt = Int(words[4].dropLast()), attempt >= 1
    else {
      throw ParseError(
        "expected 'fire rN gossip' or 'fire cN retry cN#K (attempt A)', got '\(text)'")
    }
    return .client(try client(words[0]), .retry(try request(words[2]), attempt: attempt))
  }

  private static func number(_ word: Substring, after prefix: Character, _ what: String)
    throws(ParseError) -> Int
  {
    guard word.first == prefix, let value = Int(word.dropFirst()), value >= 0,
      word.dropFirst().allSatisfy(\.isASCII)
    else { throw ParseError("expected a \(what) like \(prefix)0, got '\(word)'") }
    return value
  }

  private static func replica(_ word: String) throws(ParseError) -> ReplicaID {
    let index = try number(Substring(word), after: "r", "replica")
    guard index < Words8.capacity else { throw ParseError("no replica \(word): r0...r7") }
    return ReplicaID(index)
  }

  private static func client(_ word: String) throws(ParseError) -> ClientID {
    let index = try number(Substring(word), after: "c", "client")
    guard index < RequestSet.maxClients else { throw ParseError("no client \(word): c0...c7") }
    return ClientID(index)
  }

  private static func request(_ word: String) throws(ParseError) -> RequestID {
    let parts = word.split(separator: "#", omittingEmptySubsequences: false)
    guard parts.count == 2, let number = Int(parts[1]),
      (1...RequestSet.maxNumber).contains(number)
    else { throw ParseError("expected a request like c0#1 (numbers 1...64), got '\(word)'") }
    return RequestID(client: try client(String(parts[0])), number: number)
  }

  private static func tally(_ slotsWord: String, _ knownWord: String) throws(ParseError) -> Tally {
    guard slotsWord.hasPrefix("["), slotsWord.hasSuffix("]"), knownWord.hasPrefix("{"),
      knownWord.hasSuffix("}")
    else { throw ParseError("expected a tally like [1,0] {c0#1}, got '\(slotsWord) \(knownWord)'") }
    var slots: [Int] = []
    for part in slotsWord.dropFirst().dropLast().split(separator: ",") {
      guard let slot = Int(part), (0...0xFFFF).contains(slot) else {
        throw ParseError("a tally's slot must be 0...65535, got '\(part)'")
      }
      slots.append(slot)
    }
    guard (1...Words8.capacity).contains(slots.count) else {
      throw ParseError("a tally has 1...8 slots, got \(slots.count)")
    }
    var known = RequestSet()
    for part in knownWord.dropFirst().dropLast().split(separator: ",") {
      known.insert(try request(String(part)))
    }
    return Tally(slots: slots, known: known)
  }
}
