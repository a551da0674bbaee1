/// A call a client makes on the counter server: one frame, one word.
///
/// The payload is plain ASCII (`increment`, `value`) so an attendee can read a packet capture, and
/// so "garbage" has an obvious meaning: anything else. Note what a Level 1 request does *not*
/// carry: an ID. The server cannot tell a retry from a new increment.
public enum Request: String, Equatable, Sendable, CaseIterable {
  /// Add one to the counter.
  case increment
  /// Read the counter.
  case value

  /// The payload bytes of this request.
  public var payload: [UInt8] { Array(rawValue.utf8) }

  /// Parses a payload; `nil` for anything that is not exactly a known command.
  public init?(payload: [UInt8]) {
    guard let text = String(validating: payload, as: UTF8.self) else { return nil }
    self.init(rawValue: text)
  }
}
