/// The server's answer to one request: one frame of ASCII text.
///
/// `done` acknowledges an increment, `value N` answers a read, `error MESSAGE` refuses bad input.
/// The error message is meant for humans, and is also how a server says "your frame was wrong"
/// before it closes a connection it can no longer make sense of.
public enum Reply: Equatable, Sendable, CustomStringConvertible {
  /// The increment was applied.
  case done
  /// The counter's value.
  case value(Int)
  /// The request was refused; the text says why.
  case error(String)

  /// The longest error message a reply carries; longer ones are cut, so a reply always fits in
  /// one frame whatever garbage it quotes.
  public static let maxErrorLength = 200

  /// The payload bytes of this reply.
  public var payload: [UInt8] { Array(description.utf8) }

  /// The reply as text: `done`, `value 3` or `error unknown command`.
  public var description: String {
    switch self {
    case .done: "done"
    case .value(let value): "value \(value)"
    case .error(let message): "error " + String(message.prefix(Self.maxErrorLength))
    }
  }

  /// Parses a payload; `nil` if it is not a valid reply.
  public init?(payload: [UInt8]) {
    guard let text = String(validating: payload, as: UTF8.self) else { return nil }
    if text == "done" {
      self = .done
    } else if text.hasPrefix("value "), let value = Int(text.dropFirst("value ".count)) {
      self = .value(value)
    } else if text.hasPrefix("error ") {
      self = .error(String(text.dropFirst("error ".count)))
    } else {
      return nil
    }
  }
}
