import CounterSpec
import ExerciseKit
import Exercises
import Level3Pure
import Level4Exhaustive
import Testing

// Exercises 3.4-3.6: your hunting ground and your regression tests. Run them with
// `swift test --package-path Exercises --filter BugHunt`.
//
// 1) Hunt: sweep a mystery, print what breaks, shrink it, print the shrunk choices, e.g.
//      let found = Sweep.run(MysteryA.self, Checks.bugHuntScenario, seeds: 0..<2000)
//      if let failure = found.failure { print(failure.scenario.seed, failure.violation!) }
//    then Shrinker.shrink(failure.schedule, as: MysteryA.self, keeping: property).
// 2) Pin: put the run and the shrunk schedule in Level3/BugHunt.swift.
// 3) Regress: one test per mystery that replays your shrunk schedule and expects the failure on
//    the mystery and none on FixedReplica.

@Suite struct BugHuntTests {
  @Test(.disabled("Exercises 3.4-3.6: hunt, pin, then delete this trait"))
  func hunt() throws {
    // Your hunt and your regression tests here.
  }
}
