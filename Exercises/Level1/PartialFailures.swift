import ExerciseKit
import Level1RPC

/// Exercise 1.2: where did it break, twice?
///
/// `swift run workshop level1` breaks the *first* attempt of one `increment()` and lets every
/// retry through. Here the retries meet faults too: attempt 1 is broken at `faults[0]`, the
/// first retry at `faults[1]`, and so on; attempts past the end of `faults` get through. The
/// client follows `policy`: `.giveUp`, `.retry(times: 1)` or `.retry(times: 2)`.
///
/// Goal: predict how many increments the server applies. The check runs twelve such cases over
/// real loopback TCP (the same relay and server as `workshop level1`) and compares. Work it out
/// from what the ten-case table shows; nothing prints these cases for you.
///
/// Check it: `swift run workshop verify 1.2`. Course text: Levels/1-RPC.md, "Why each case
/// counts what it counts".
public enum PartialFailures {
  /// How many increments the server applied for the one logical increment.
  public static func predictedCount(faults: [Fault], policy: RetryPolicy) throws -> Int {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
