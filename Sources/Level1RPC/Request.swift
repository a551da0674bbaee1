import CounterSpec

/// A call a client makes on the counter server: one frame, one word, and for an increment an
/// optional request ID.
///
/// The payload is plain ASCII (`increment`, `value`, `increment c0#1`) so an attendee can read a
/// packet capture, and so "garbage" has an obvious meaning: anything else. A Level 1 client sends
/// no ID, so the server cannot tell a retry from a new increment. A client that sends one
/// (`RemoteCounter.increment(id:)`) sends the same ID on every retry of that call, and a server
/// with an `IncrementLedger` can then recognise the retry.
public enum Request: String, Equatable, Sendable, CaseIterable {
  /// Add one to the counter.
  case increment
  /// Read the counter.
  case value

  /// The payload bytes of this request, without an ID.
  public var payload: [UInt8] { Array(rawValue.utf8) }

  /// The payload bytes of this request carrying `id`: `increment c0#1`. Only increments carry
  /// one; `nil`, or any `value` request, gives the plain payload.
  public func payload(id: RequestID?) -> [UInt8] {
    guard self == .increment, let id else { return payload }
    return Array("\(rawValue) \(id)".utf8)
  }

  /// Parses a payload without an ID; `nil` for anything that is not exactly a known command.
  public init?(payload: [UInt8]) {
    guard let text = String(validating: payload, as: UTF8.self) else { return nil }
    self.init(rawValue: text)
  }

  /// Parses a payload that may carry an ID (`increment c0#1`); `nil` for anything else.
  public static func parse(_ payload: [UInt8]) -> (request: Request, id: RequestID?)? {
    if let request = Request(payload: payload) { return (request, nil) }
    guard let text = String(validating: payload, as: UTF8.self) else { return nil }
    let words = text.split(separator: " ", omittingEmptySubsequences: false)
    guard words.count == 2, words[0] == Request.increment.rawValue,
      let id = RequestID(parsing: words[1])
    else { return nil }
    return (.increment, id)
  }
}
