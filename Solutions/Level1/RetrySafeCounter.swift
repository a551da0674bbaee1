import CounterSpec
import ExerciseKit

/// Exercise 1.1, solved: a counter that remembers which requests it applied.
///
/// The server keeps state *about calls* now, not only about the counter: that is the price of
/// making `increment` safe to retry, and why the method's meaning changed.
public struct IdempotentCounter: RetrySafeCounter {
  private var applied = RequestSet()

  public init() {}

  public mutating func increment(_ request: RequestID) throws -> Int {
    applied.insert(request)  // a retry finds its ID already there and changes nothing
    return applied.count
  }

  public func value() throws -> Int { applied.count }
}
