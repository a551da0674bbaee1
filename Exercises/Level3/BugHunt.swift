import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercises 3.4, 3.5 and 3.6: the bug hunt.
///
/// Goal: `MysteryA`, `MysteryB` and `MysteryC` (Sources/ExerciseKit/Mysteries) are the fixed
/// replica with one change each. For each, find a seed of `Checks.bugHuntScenario` (the default
/// scenario, every fault on) on which it breaks a property and the fixed replica does not, shrink
/// that run's schedule, and pin both here. Then write a regression test in `Tests/` that replays
/// your shrunk schedule and expects the failure (`swift test --package-path Exercises`).
///
/// The tools, from a test or a scratch function: `Sweep.run(MysteryA.self,
/// Checks.bugHuntScenario, seeds: 0..<2000)`, `Simulator<MysteryA>.run(scenario)`,
/// `Shrinker.shrink(schedule, as: MysteryA.self, keeping: property)`,
/// `schedule.replay(MysteryA.self, settling: true)`.
///
/// The check: the seed breaks the mystery and not the fix; the shrunk schedule replays on the
/// mystery with every choice made and breaks the same property, breaks nothing on the fix, and
/// is no longer than the shrinker's.
///
/// Check it: `swift run workshop verify 3.4` (3.5, 3.6). Course text: Levels/3-Purity.md.
public enum BugHunt {
  /// Exercise 3.4.
  public static func mysteryA() throws -> BugReport {
    throw NotSolvedYet()  // delete this line and write your answer
  }

  /// Exercise 3.5.
  public static func mysteryB() throws -> BugReport {
    throw NotSolvedYet()  // delete this line and write your answer
  }

  /// Exercise 3.6.
  public static func mysteryC() throws -> BugReport {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
