import ExerciseKit

/// Exercise 2.1: the cost of brute force.
///
/// Goal: a Level 2 bug shows in a fraction `rate` of runs. You changed the code, and now the
/// runs are clean. How many clean runs in a row do you need before you may say, with probability
/// `confidence`, that the bug would have shown if it were still there? Return the smallest such
/// number. (Then compare with what `swift run workshop level2 --runs 30` costs you per run.)
///
/// Check it: `swift run workshop verify 2.1`. Course text: Levels/2-AsyncMessaging.md.
public enum RerunBudget {
  /// The fewest clean reruns that reach `confidence` for a bug of rate `rate` (0 < rate <= 1).
  public static func runsNeeded(rate: Double, confidence: Double) throws -> Int {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
