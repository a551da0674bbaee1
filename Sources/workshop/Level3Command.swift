import CounterSpec
import Foundation
import Level3Pure

/// `workshop level3`: one deterministic simulated run, or a seed sweep.
enum Level3Command {
  static let help = """
    usage: workshop level3 [--seed S] [--fixed] [--all-faults] [--format F] [--out FILE]
                           [--save FILE]
           workshop level3 sweep [--seeds A..<B] [--fixed] [--all-faults]
           workshop level3 live [--seed S] [--fixed]   (the same step on real threads)
           workshop level3 shrink [--seed S] [--fixed] [--all-faults]   (see shrink --help)

    Level 3: the replica is a pure step function; a simulator owns time, randomness and the
    network. One seed is one run, identical in every process.

      --seed S       the seed to simulate (default 7)
      --seeds A..<B  the seeds to sweep (default 0..<10000)
      --fixed        run the fixed protocol (count distinct requests) instead of the flawed one
      --all-faults   add crashes (with restart from disk) and partitions to the default faults
    \(TraceOutput.help)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.words.first == "live" {
      _ = arguments.positional()
      return try Level3LiveCommand.run(&arguments)  // the same step on real threads
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
    let design: Replica.Design = arguments.flag("--fixed") ? .distinctRequests : .perReplicaSlots
    var scenario = Scenario.default
    if arguments.flag("--all-faults") { scenario = scenario.withAllFaults() }
    if sweep != nil {
      let seeds = try parseRange(try arguments.option("--seeds") ?? "0..<10000")
      try arguments.finish()
      return runSweep(scenario, seeds: seeds, design: design)
    }
    scenario.seed = try arguments.seed(default: 7)
    let output = try TraceOutput(&arguments)
    try arguments.finish()
    let outcome = Simulator.run(scenario, design: design)
    output.say("level3: \(design.rawValue) protocol, \(scenario)")
    if !output.show(outcome.trace) { say(outcome.trace.text, terminator: "") }
    let title = "level3 \(design.rawValue) protocol, seed \(scenario.seed)"
    try output.write(outcome.trace, title: title)
    output.say(summary(outcome))
    return 0
  }

  /// `level3: seed <S>, fingerprint <hex>, <violation or ok>`.
  static func summary(_ outcome: Simulator.Outcome) -> String {
    let verdict = outcome.violation.map(\.description) ?? "ok"
    return "level3: seed \(outcome.scenario.seed), fingerprint \(outcome.trace.fingerprintHex), "
      + verdict
  }

  static func runSweep(_ scenario: Scenario, seeds: Range<UInt64>, design: Replica.Design) -> Int32
  {
    say(
      "level3 sweep: \(design.rawValue) protocol, \(scenario.summary), "
        + "seeds \(seeds.lowerBound)..<\(seeds.upperBound)")
    let clock = ContinuousClock()
    let started = clock.now
    let result = Sweep.run(scenario, seeds: seeds, design: design, progressEvery: 1_000) { count in
      say("  ... \(count) seeds, no failure yet")
    }
    let seconds = (clock.now - started).seconds
    let found = result.failure.map { "first failing seed \($0.scenario.seed)" } ?? "no failing seed"
    if let failure = result.failure, let violation = failure.violation {
      say("  seed \(failure.scenario.seed): \(violation)")
      say(
        "  replay it: swift run workshop level3 --seed \(failure.scenario.seed)"
          + (design == .distinctRequests ? " --fixed" : "")
          + (scenario.crashRate > 0 ? " --all-faults" : ""))
    }
    say(
      "level3 sweep: \(pluralized(result.seedsRun, "seed")) in \(formatSeconds(seconds)) s, "
        + found)
    return 0
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
