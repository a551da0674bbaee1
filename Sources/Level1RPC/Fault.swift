/// Where a `FaultRelay` breaks the first call: the five failure points of a remote call.
///
/// They are ordered along the path of one call: the request travels to the server, the server
/// applies it, the reply travels back. Which side of "applied" the failure falls on decides the
/// count; the client cannot see which side that was.
public enum Fault: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
  /// The request never reaches the server; the connection stays open and silent.
  case requestLost
  /// The server applies the call, its reply is thrown away; the connection stays open.
  case replyLost
  /// The server applies the call, its reply is held back until the client gave up waiting.
  case replyLate
  /// The connection is cut (reset) after the request arrived at the relay, before the server saw it.
  case cutBeforeApply
  /// The call is applied and answered, then the connection is cut before the answer is relayed.
  case cutAfterApply

  /// For example `reply lost`.
  public var description: String {
    switch self {
    case .requestLost: "request lost"
    case .replyLost: "reply lost"
    case .replyLate: "reply late"
    case .cutBeforeApply: "cut before apply"
    case .cutAfterApply: "cut after apply"
    }
  }

  /// Whether the server applies the faulted call.
  public var serverApplies: Bool {
    switch self {
    case .requestLost, .cutBeforeApply: false
    case .replyLost, .replyLate, .cutAfterApply: true
    }
  }
}
