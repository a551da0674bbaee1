import Level1RPC

/// Exercise 1.2, solved: what one `increment()` counts when its first attempts are broken.
public enum PartialFailures {
  /// Walks the attempts the policy allows: a broken attempt counts if its fault comes after the
  /// server applied it; the first unbroken attempt is applied and answered, which ends the call.
  /// A client that runs out of attempts gives up, whatever the server did.
  public static func predictedCount(faults: [Fault], policy: RetryPolicy) throws -> Int {
    var count = 0
    for attempt in 0..<policy.maxAttempts {
      guard attempt < faults.count else { return count + 1 }
      if faults[attempt].serverApplies { count += 1 }
    }
    return count
  }
}
