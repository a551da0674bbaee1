import CounterSpec
import Level3Pure

/// Reduces a failing schedule to a minimal story that still breaks the same property.
///
/// Delta debugging over the choices: delete chunks (halves, then quarters, down to single
/// choices) and keep every deletion after which the replay still breaks the property; also try
/// a smaller cluster (fewer clients, fewer increments, fewer attempts). Each replay keeps only
/// the choices that applied, so deleting a send also deletes its now-impossible deliveries.
/// The result is 1-minimal: deleting any single remaining choice loses the violation. Pure: it
/// only replays schedules.
public enum Shrinker {
  /// A shrunk schedule and what it took.
  public struct Result: Equatable, Sendable {
    /// The schedule the shrinker started from.
    public let original: Schedule
    /// The shortest schedule it found that still breaks `property`.
    public let shrunk: Schedule
    /// The property both break.
    public let property: Property
    /// The replay of `shrunk`: its trace ends with the violation.
    public let outcome: Schedule.Replay
    /// How many replays the search took.
    public let replays: Int
  }

  /// Shrinks `schedule`, replayed with `R` replicas, while its replay keeps breaking `property`.
  ///
  /// A property the schedule breaks only at its end (convergence, or an acknowledged request
  /// nobody learned) is kept with a fault-free settle (`Cluster.settle()`) after each replay, so
  /// a shorter schedule cannot "break" it by leaving messages undelivered.
  /// - Returns: `nil` if the schedule does not break `property` to begin with.
  /// - Complexity: O(n² log n) replays in the worst case for n choices; a few hundred for
  ///   the simulator's failing runs.
  public static func shrink<R: CounterReplica>(
    _ schedule: Schedule, as _: R.Type, keeping property: Property
  ) -> Result? {
    var replays = 0
    let settling = schedule.replay(R.self).violation?.property != property
    func attempt(_ candidate: Schedule) -> Schedule? {
      replays += 1
      let outcome = candidate.replay(R.self, settling: settling)
      guard outcome.violation?.property == property else { return nil }
      var kept = candidate
      kept.choices = outcome.applied
      return kept
    }
    guard var current = attempt(schedule) else { return nil }
    var changed = true
    while changed {
      changed = false
      // 1) A smaller cluster.
      for smaller in smallerScenarios(of: current.scenario) {
        var candidate = current
        candidate.scenario = smaller
        if let kept = attempt(candidate) {
          current = kept
          changed = true
        }
      }
      // 2) Fewer choices: chunks from half the schedule down to one choice.
      var chunk = max(1, current.choices.count / 2)
      while chunk >= 1 {
        var start = 0
        while start < current.choices.count {
          var candidate = current
          candidate.choices.removeSubrange(start..<min(start + chunk, candidate.choices.count))
          if let kept = attempt(candidate), kept.choices.count < current.choices.count {
            current = kept
            changed = true
          } else {
            start += chunk
          }
        }
        chunk /= 2
      }
    }
    return Result(
      original: schedule, shrunk: current, property: property,
      outcome: current.replay(R.self, settling: settling),
      replays: replays)
  }

  /// One step smaller in each dimension that can shrink, in a fixed order.
  static func smallerScenarios(of scenario: Scenario) -> [Scenario] {
    var result: [Scenario] = []
    if scenario.clients > 1 {
      var copy = scenario
      copy.clients -= 1
      result.append(copy)
    }
    if scenario.incrementsPerClient > 1 {
      var copy = scenario
      copy.incrementsPerClient -= 1
      result.append(copy)
    }
    if scenario.maxAttempts > 2 {
      var copy = scenario
      copy.maxAttempts -= 1
      result.append(copy)
    }
    return result
  }
}
