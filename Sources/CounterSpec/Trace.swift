/// One thing that happened in a run, as a trace records it.
///
/// Messages are stored as their printed form, so one trace type serves every level and every
/// renderer, and two traces compare by what a reader would see.
public struct TraceEvent: Equatable, Sendable {
  /// What happened.
  public enum Kind: Equatable, Sendable {
    /// A message left `from` for `to`.
    case send(from: NodeID, to: NodeID, message: String)
    /// A message reached `to`.
    case deliver(from: NodeID, to: NodeID, message: String)
    /// The network lost a message.
    case drop(from: NodeID, to: NodeID, message: String)
    /// The network delivered an extra copy of a message.
    case duplicate(from: NodeID, to: NodeID, message: String)
    /// A timer fired at `node`.
    case timer(NodeID, name: String)
    /// A replica crashed, losing everything it had not persisted.
    case crash(ReplicaID)
    /// A replica restarted from what it had persisted.
    case restart(ReplicaID)
    /// A replica's counter value changed.
    case value(ReplicaID, Int)
    /// Free text about a node, or about the run when `node` is `nil`.
    case note(NodeID?, String)
    /// The checker found a broken property.
    case violation(Violation)
  }

  /// Virtual time in microseconds, or `nil` where a level cannot record time reproducibly
  /// (Level 2 records order only, so its fingerprints compare interleavings, not clock noise).
  public var time: Int64?
  /// What happened.
  public var kind: Kind

  /// Creates an event.
  public init(time: Int64? = nil, _ kind: Kind) {
    self.time = time
    self.kind = kind
  }

  /// The event as one line of text, for example `    12.500ms  c0 -> r1  increment c0#1`.
  public var text: String {
    let body: String
    switch kind {
    case .send(let from, let to, let message): body = "\(from) -> \(to)  \(message)"
    case .deliver(let from, let to, let message): body = "\(to) <- \(from)  \(message)"
    case .drop(let from, let to, let message): body = "\(from) -x \(to)  \(message)  (dropped)"
    case .duplicate(let from, let to, let message):
      body = "\(from) => \(to)  \(message)  (duplicated)"
    case .timer(let node, let name): body = "\(node)  timer \(name) fired"
    case .crash(let replica): body = "\(replica)  CRASH (volatile state lost)"
    case .restart(let replica): body = "\(replica)  restart (state from disk)"
    case .value(let replica, let value): body = "\(replica)  value = \(value)"
    case .note(let node, let text): body = node.map { "\($0)  \(text)" } ?? text
    case .violation(let violation): body = "!! \(violation)"
    }
    guard let time else { return body }
    return Self.formatMilliseconds(time) + "  " + body
  }

  /// Formats microseconds as right-aligned milliseconds with three decimals: `    12.500ms`.
  public static func formatMilliseconds(_ micros: Int64) -> String {
    let sign = micros < 0 ? "-" : ""
    let magnitude = micros.magnitude
    let fraction = String(magnitude % 1000)
    let text =
      sign + "\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count)
      + fraction + "ms"
    return String(repeating: " ", count: max(0, 12 - text.count)) + text
  }
}

/// The recorded story of one run: a list of events with a stable text form and fingerprint.
///
/// The fingerprint is FNV-1a (64 bit) over the UTF-8 bytes of `text`. It is computed here, never
/// taken from `hashValue`, which Swift seeds differently in every process.
public struct Trace: Equatable, Sendable {
  /// The events in the order they happened.
  public var events: [TraceEvent]

  /// Creates a trace of `events`.
  public init(_ events: [TraceEvent] = []) { self.events = events }

  /// Appends one event.
  public mutating func append(_ event: TraceEvent) { events.append(event) }

  /// Appends an event of `kind` at `time`.
  public mutating func append(_ kind: TraceEvent.Kind, at time: Int64? = nil) {
    events.append(TraceEvent(time: time, kind))
  }

  /// One line per event, each ending in a newline.
  public var text: String {
    var result = ""
    for event in events {
      result += event.text
      result += "\n"
    }
    return result
  }

  /// A stable 64-bit hash of `text`.
  public var fingerprint: UInt64 { Self.fnv1a(text) }

  /// `fingerprint` as 16 lowercase hex digits.
  public var fingerprintHex: String { Self.hex(fingerprint) }

  /// The first violation recorded in the trace, if any.
  public var violation: Violation? {
    for event in events { if case .violation(let violation) = event.kind { return violation } }
    return nil
  }

  /// FNV-1a, 64 bit, over the UTF-8 bytes of `string`.
  public static func fnv1a(_ string: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in string.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// `value` as 16 lowercase hex digits, zero-padded.
  public static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
