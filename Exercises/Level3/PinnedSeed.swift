import ExerciseKit

/// Exercise 3.2: pin it, then fix it.
///
/// Goal: find a seed of the default scenario on which the flawed protocol breaks a property
/// (`swift run workshop level3 sweep`), check that the fixed protocol survives it
/// (`swift run workshop level3 --seed S --fixed`), and return it: a failing seed is a bug report
/// anyone can replay, and pinned in a test it is a regression test.
///
/// Check it: `swift run workshop verify 3.2`. Course text: Levels/3-Purity.md.
public enum PinnedSeed {
  /// Your pinned seed.
  public static func seed() throws -> UInt64 {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
