import CounterSpec
import Level3Pure
import Level4Exhaustive

extension Checks {
  // MARK: - 3.4-3.6 Bug hunt

  /// Where the bug hunt starts: the default scenario with every fault on.
  public static let bugHuntScenario = Scenario.default.withAllFaults()

  /// Exercises 3.4-3.6: the run (a scenario and its seed) must break mystery `R` and not the
  /// fixed replica; the shrunk
  /// schedule must replay on `R` with every choice made and break the same property, replay on
  /// the fixed replica without breaking anything, and be no longer than what the shrinker makes
  /// of the seed's run.
  /// - Returns: what it replayed, for `verify` to show.
  public static func bugHunt<R: CounterReplica>(_: R.Type, _ answer: () throws -> BugReport)
    throws -> String
  {
    let report = try answer()
    let name = R.protocolName
    let scenario = report.run
    let seed = scenario.seed
    guard let violation = Simulator<R>.run(scenario, recordsTrace: true).violation else {
      throw CheckFailure("seed \(seed) of your run does not break \(name); sweep for one")
    }
    if let also = Simulator<FixedReplica>.run(scenario, recordsTrace: false).violation {
      throw CheckFailure("seed \(seed) of your run breaks the fixed replica too: \(also)")
    }
    let story = report.shrunk.replay(R.self, settling: true)
    guard story.skipped == 0 else {
      throw CheckFailure(
        "\(story.skipped) of your \(report.shrunk.choices.count) shrunk choices could not be "
          + "made on \(name); keep only the choices that apply")
    }
    guard let broken = story.violation, broken.property == violation.property else {
      let what =
        story.violation.map { "breaks \($0.property.rawValue) instead" } ?? "breaks nothing"
      throw CheckFailure(
        "your shrunk schedule \(what) on \(name); seed \(seed) broke "
          + violation.property.rawValue)
    }
    if let also = report.shrunk.replay(FixedReplica.self, settling: true).violation {
      throw CheckFailure("your shrunk schedule breaks the fixed replica too: \(also)")
    }
    let run = Simulator<R>.run(scenario, recordsTrace: true).schedule
    let limit = Shrinker.shrink(run, as: R.self, keeping: violation.property)?.shrunk.choices.count
    if let limit, report.shrunk.choices.count > limit {
      throw CheckFailure(
        "your story has \(report.shrunk.choices.count) choices; the shrinker takes seed "
          + "\(seed)'s run down to \(limit) (Shrinker.shrink)")
    }
    return "seed \(seed) and \(report.shrunk.choices.count) shrunk choices break "
      + "\(name) (\(violation.property.rawValue)); neither breaks fixed"
  }
}
