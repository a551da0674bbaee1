import Level1RPC

/// Exercise 1.2, solved: what one `increment()` counts, by failure point and policy.
public enum PartialFailures {
  /// The server's count for one call broken at `fault`: whether the server applied the first
  /// attempt, plus one if the client retried (a retry always gets through in the demo).
  public static func predictedCount(fault: Fault, policy: RetryPolicy) throws -> Int {
    let firstAttemptApplied: Bool
    switch fault {
    case .requestLost, .cutBeforeApply: firstAttemptApplied = false
    case .replyLost, .replyLate, .cutAfterApply: firstAttemptApplied = true
    }
    let retried = policy.maxAttempts > 1
    return (firstAttemptApplied ? 1 : 0) + (retried ? 1 : 0)
  }
}
