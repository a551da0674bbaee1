import CounterSpec
import ExerciseKit

/// Exercise 1.1: a retry-safe increment.
///
/// Goal: make `increment` safe to retry. Each call carries its request's ID (`c0#1`); a retry of
/// the same logical increment carries the same ID. Count each ID once, however often it arrives,
/// and answer every call with the value after it.
///
/// Check it: `swift run workshop verify 1.1` (hints: add `--hint`). Course text: Levels/1-RPC.md,
/// "Idempotency: the cure that changes the question".
public struct IdempotentCounter: RetrySafeCounter {
  public init() {}

  public mutating func increment(_ request: RequestID) throws -> Int {
    throw NotSolvedYet()  // delete this line and write your answer
  }

  public func value() throws -> Int {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
