import CounterSpec
import Exercises
import Level2Messaging
import Testing

// Exercise 2.3: your rerun test. Run it with `swift test --package-path Exercises`.
//
// Write a test that runs your replica (Level2Run.run(scenario, handlers: MyLevel2Replica.self))
// on many seeds of Scenario.default, expects no violation in any run, and stays within a budget
// (a number of runs and a number of seconds; give it `.timeLimit(.minutes(1))`). Then watch it
// pass. How many runs would make you sure? (Exercise 2.1 has the arithmetic.)

@Suite struct MyLevel2ReplicaTests {
  @Test(.disabled("Exercise 2.3: write your rerun test, then delete this trait"))
  func myFixSurvivesReruns() throws {
    // Your test here.
  }
}
