/// What happened during one remote call, attempt by attempt, as the client saw it.
///
/// The demo prints `summary` in its "client saw" column. Note what the report cannot contain:
/// whether a failed attempt was applied by the server. That is the client's blind spot.
public struct CallReport: Equatable, Sendable {
  /// The request that was sent (on every attempt).
  public var request: Request
  /// The error of each failed attempt, in order.
  public var failures: [RPCError]
  /// The final outcome: the server's reply, or the error the caller receives.
  public var result: Result<Reply, RPCError>

  /// Creates a report.
  public init(request: Request, failures: [RPCError], result: Result<Reply, RPCError>) {
    self.request = request
    self.failures = failures
    self.result = result
  }

  /// Attempts made: one per failure, plus the final successful one.
  public var attempts: Int {
    switch result {
    case .success: failures.count + 1
    case .failure: failures.count
    }
  }

  /// Whether the call ended with a reply (which may still be `Reply.error`).
  public var succeeded: Bool {
    if case .success = result { return true }
    return false
  }

  /// One phrase: `ok`, `ok after 1 retry (timeout)`, `timeout, gave up`,
  /// `connection refused, gave up after 2 retries`, or, when the attempts failed differently,
  /// `connection refused, gave up after 1 retry (connection reset, connection refused)`.
  public var summary: String {
    switch result {
    case .success(.error(let message)):
      return "server error: \(message)"
    case .success:
      guard !failures.isEmpty else { return "ok" }
      let causes = failures.map(\.shortDescription).joined(separator: ", ")
      return "ok after \(Self.retries(failures.count)) (\(causes))"
    case .failure(let error):
      let retries = failures.count - 1
      guard retries > 0 else { return "\(error.shortDescription), gave up" }
      let text = "\(error.shortDescription), gave up after \(Self.retries(retries))"
      let causes = failures.map(\.shortDescription)
      guard Set(causes).count > 1 else { return text }
      return text + " (" + causes.joined(separator: ", ") + ")"
    }
  }

  private static func retries(_ count: Int) -> String {
    count == 1 ? "1 retry" : "\(count) retries"
  }
}
