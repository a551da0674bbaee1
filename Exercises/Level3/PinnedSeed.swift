import ExerciseKit

/// Exercise 3.2: pin it, then fix it.
///
/// Goal: with every fault on (crashes and partitions too), find a seed of the default scenario on
/// which the flawed protocol loses an acknowledged increment (not the double count the course
/// text shows: the other way it goes wrong), check that the fixed protocol survives it, and
/// return it. A failing seed is a bug report anyone can replay; pinned in a test it is a
/// regression test.
///
/// Check it: `swift run workshop verify 3.2`. Course text: Levels/3-Purity.md.
public enum PinnedSeed {
  /// Your pinned seed.
  public static func seed() throws -> UInt64 {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
