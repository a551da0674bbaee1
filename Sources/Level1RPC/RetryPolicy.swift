/// What a `RemoteCounter` does when a call times out or its connection breaks.
///
/// Level 1 offers the two answers people reach for first, and the demo shows that neither keeps
/// "one call, one increment": giving up can lose an increment the server never saw *or* report
/// failure for one it applied; retrying can apply it twice.
public enum RetryPolicy: Equatable, Sendable, CustomStringConvertible {
  /// Report the first failure to the caller.
  case giveUp
  /// Send the same call again, on a new connection, up to `times` more times.
  case retry(times: Int)

  /// How many times a call is sent at most, the first send included.
  public var maxAttempts: Int {
    switch self {
    case .giveUp: 1
    case .retry(let times): 1 + max(0, times)
    }
  }

  /// For example `give up` or `retry x1`.
  public var description: String {
    switch self {
    case .giveUp: "give up"
    case .retry(let times): "retry x\(times)"
    }
  }
}
