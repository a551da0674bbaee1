import CounterSpec
import ExerciseKit

/// Exercise 2.2: read the story.
///
/// Goal: given a run's trace (the lines `workshop level2 --show-trace` and `workshop level3`
/// print, as `TraceEvent` values), return the request that two different replicas each counted,
/// or `nil` if none did. The check uses Level 3 traces of several seeds, without the checker's
/// `!!` verdict (it names the request): read the deliveries and value changes.
///
/// Check it: `swift run workshop verify 2.2`. Course text: Levels/2-AsyncMessaging.md, "The flaw".
public enum ReadTheStory {
  /// The first request counted by two replicas, in trace order, or `nil`.
  public static func doubleCounted(in trace: Trace) throws -> RequestID? {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
