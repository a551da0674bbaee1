import CounterSpec
import Foundation
import Level3Pure

/// `workshop level3`: one deterministic simulated run, or a seed sweep.
enum Level3Command {
  static var help: String {
    """
    usage: workshop level3 [--seed S] [--protocol NAME | --fixed] [--all-faults] [--format F]
                           [--out FILE] [--save FILE]
           workshop level3 sweep [--seeds A..<B] [--protocol NAME | --fixed] [--all-faults]
           workshop level3 sweep --mutants [--seeds A..<B]   (every mutant, all faults)
           workshop level3 live [--seed S] [--protocol NAME | --fixed]   (real threads)
           workshop level3 shrink [--seed S] [--protocol NAME | --fixed] [--all-faults]
           workshop level3 step [--protocol NAME] [--schedule FILE]   (drive it by hand)

    Level 3: the replica is a pure step function; a simulator owns time, randomness, the
    network and the disk. One seed is one run, identical in every process.

      --seed S       the seed to simulate (default 7)
      --seeds A..<B  the seeds to sweep (default 0..<10000)
      --all-faults   add crashes (with restart from disk) and partitions to the default faults
      --mutants      sweep every protocol with a bug, and say which property caught each
      --save-schedule FILE  save the run's choices as a schedule, for level3 step --schedule
    \(ProtocolOption.help)
    \(TraceOutput.help)
    """
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.words.first == "live" {
      _ = arguments.positional()
      return try Level3LiveCommand.run(&arguments)  // the same step on real threads
    }
    if arguments.words.first == "step" {
      _ = arguments.positional()
      return try StepCommand.run(&arguments)  // drive a cluster by hand
    }
    if arguments.words.first == "shrink" {
      _ = arguments.positional()
      return try ShrinkCommand.run(&arguments)
    }
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let sweep = arguments.positional()
    if let sweep, sweep != "sweep" {
      throw UsageError("unknown level3 command '\(sweep)' (try --help)")
    }
    if sweep != nil, arguments.flag("--mutants") {
      let seeds = try parseRange(try arguments.option("--seeds") ?? "0..<2000")
      try arguments.finish()
      return sweepMutants(seeds: seeds)
    }
    let entry = try ProtocolOption.parse(&arguments)
    var scenario = Scenario.default
    if arguments.flag("--all-faults") { scenario = scenario.withAllFaults() }
    if sweep != nil {
      let seeds = try parseRange(try arguments.option("--seeds") ?? "0..<10000")
      try arguments.finish()
      // The course's own two protocols by name: their code is compiled for them (fast paths).
      switch entry.name {
      case "flawed": return runSweep(FlawedReplica.self, entry, scenario, seeds: seeds)
      case "fixed": return runSweep(FixedReplica.self, entry, scenario, seeds: seeds)
      default: return runSweep(entry.type, entry, scenario, seeds: seeds)
      }
    }
    scenario.seed = try arguments.seed(default: 7)
    let output = try TraceOutput(&arguments)
    let saveSchedule = try arguments.option("--save-schedule")
    try arguments.finish()
    return try runOne(entry.type, scenario, output: output, saveSchedule: saveSchedule)
  }

  static func runOne<R: CounterReplica>(
    _: R.Type, _ scenario: Scenario, output: TraceOutput, saveSchedule: String? = nil
  ) throws -> Int32 {
    let outcome = Simulator<R>.run(scenario)
    output.say("level3: \(R.protocolName) protocol, \(scenario)")
    if !output.show(outcome.trace) { say(outcome.trace.text, terminator: "") }
    let title = "level3 \(R.protocolName) protocol, seed \(scenario.seed)"
    try output.write(outcome.trace, title: title, inspecting: R.self, outcome.choices, scenario)
    if let saveSchedule { try StepCommand.save(outcome.schedule, to: saveSchedule, output: output) }
    output.say(summary(outcome))
    return 0
  }

  /// `level3: seed <S>, fingerprint <hex>, <violation or ok>`.
  static func summary<R>(_ outcome: Simulator<R>.Outcome) -> String {
    let verdict = outcome.violation.map(\.description) ?? "ok"
    return "level3: seed \(outcome.scenario.seed), fingerprint \(outcome.trace.fingerprintHex), "
      + verdict
  }

  static func runSweep<R: CounterReplica>(
    _: R.Type, _ entry: ProtocolEntry, _ scenario: Scenario, seeds: Range<UInt64>
  ) -> Int32 {
    say(
      "level3 sweep: \(R.protocolName) protocol, \(scenario.summary), "
        + "seeds \(seeds.lowerBound)..<\(seeds.upperBound)")
    let clock = ContinuousClock()
    let started = clock.now
    let result = Sweep.run(R.self, scenario, seeds: seeds, progressEvery: 1_000) { count in
      say("  ... \(count) seeds, no failure yet")
    }
    let seconds = (clock.now - started).seconds
    let found = result.failure.map { "first failing seed \($0.scenario.seed)" } ?? "no failing seed"
    if let failure = result.failure, let violation = failure.violation {
      say("  seed \(failure.scenario.seed): \(violation)")
      say(
        "  replay it: swift run workshop level3 --seed \(failure.scenario.seed)"
          + ProtocolOption.flags(entry) + (scenario.crashRate > 0 ? " --all-faults" : ""))
    }
    say(
      "level3 sweep: \(pluralized(result.seedsRun, "seed")) in \(formatSeconds(seconds)) s, "
        + found)
    return 0
  }

  /// Sweeps every protocol of the catalogue with all faults on: each mutant must be caught, the
  /// fixed protocol must not be.
  static func sweepMutants(seeds: Range<UInt64>) -> Int32 {
    let scenario = Scenario.default.withAllFaults()
    say(
      "level3 mutants: \(scenario.summary), seeds \(seeds.lowerBound)..<\(seeds.upperBound) "
        + "each")
    let clock = ContinuousClock()
    let started = clock.now
    var caught = 0
    for entry in ProtocolCatalogue.all {
      let line = mutantLine(entry.type, entry, scenario, seeds: seeds)
      if line.caught, !entry.isCorrect { caught += 1 }
      say(line.text)
    }
    let seconds = (clock.now - started).seconds
    let mutants = ProtocolCatalogue.mutants.count
    say("level3 mutants: \(caught)/\(mutants) caught in \(formatSeconds(seconds)) s")
    return 0
  }

  private static func mutantLine<R: CounterReplica>(
    _: R.Type, _ entry: ProtocolEntry, _ scenario: Scenario, seeds: Range<UInt64>
  ) -> (caught: Bool, text: String) {
    let result = Sweep.run(R.self, scenario, seeds: seeds)
    let name = entry.name.padding(toLength: 24, withPad: " ", startingAt: 0)
    guard let failure = result.failure, let violation = failure.violation else {
      let verdict = entry.isCorrect ? "no violation" : "NOT CAUGHT"
      return (false, "  \(name) \(verdict) in \(result.seedsRun) seeds")
    }
    let mark = entry.isCorrect ? "!! (the fix is broken) " : ""
    return (
      true,
      "  \(name) \(mark)caught by \(violation.property.rawValue) at seed "
        + "\(failure.scenario.seed): \(violation.detail)"
    )
  }

  static func parseRange(_ text: String) throws -> Range<UInt64> {
    let parts = text.components(separatedBy: "..<")
    guard parts.count == 2, let low = UInt64(parts[0]), let high = UInt64(parts[1]), low < high
    else {
      throw UsageError("--seeds must look like A..<B with A < B, got '\(text)'")
    }
    return low..<high
  }
}

/// Seconds with three decimals: `0.042`.
func formatSeconds(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
