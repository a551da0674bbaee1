import ExerciseKit
import Level1RPC

/// Exercise 1.2: where did it break?
///
/// Goal: predict what the server counts when one `increment()` call is broken at `fault` and the
/// client follows `policy` (`.giveUp`, or `.retry(times: 1)`). The check compares your answer
/// with the ten cases `swift run workshop level1` measures over real TCP. Predict before you run!
///
/// Check it: `swift run workshop verify 1.2`. Course text: Levels/1-RPC.md.
public enum PartialFailures {
  /// How many increments the server applied for the one logical increment.
  public static func predictedCount(fault: Fault, policy: RetryPolicy) throws -> Int {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
