import CounterSpec
import Level2Messaging

/// `workshop level2`: run the Level 2 counter many times with one seed and count what differs.
enum Level2Command {
  static let help = """
    workshop level2: the Level 2 counter (threads, mailboxes, a lossy in-process network with real
    delays) run several times with the SAME seed. Each run prints its trace fingerprint, the final
    replica values and the broken property (or ok). Expect different traces every run, and the
    double count in some runs only. A run in which a client gave up on an increment (all its
    attempts lost or timed out) says so, for example values [5,5,5]  ok  (1 increment never
    acknowledged: its client gave up): nothing acknowledged was lost, so that is not a violation.

    usage: swift run workshop level2 [--seed S] [--runs N] [--show-trace] [--no-clock]
                                     [--format F] [--out FILE] [--save FILE]

      --seed S       the scenario's seed (default 7)
      --runs N       how many runs, 1 to 1000 (default 30)
      --show-trace   also print the full trace of the first run that broke a property
      --no-clock     the network's generator no longer moves on with real time: only the order
                     in which threads send decides which message gets which random draw
    \(TraceOutput.help)

    --format, --out and --save take one run: the first that broke a property, or run 1 when
    none did (the same seed gives a different trace every run, so there is no "the" trace).

    The last line reads: level2: seed S, N runs, K distinct traces, violation in B runs
    """

  /// What a batch of runs with one seed showed.
  struct Summary {
    var seed: UInt64
    var runs = 0
    var fingerprints: Set<UInt64> = []
    var violations = 0
    var firstViolating: Level2Run.Result?

    /// The closing line, for example `level2: seed 7, 30 runs, 30 distinct traces, violation in
    /// 9 runs`.
    var line: String {
      "level2: seed \(seed), \(pluralized(runs, "run")), "
        + "\(pluralized(fingerprints.count, "distinct trace")), "
        + "violation in \(pluralized(violations, "run"))"
    }
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let seed = try arguments.seed(default: 7)
    let runs = try arguments.int("--runs", default: 30, in: 1...1000)
    let showTrace = arguments.flag("--show-trace")
    let tick: Duration = arguments.flag("--no-clock") ? .zero : .microseconds(5)
    let output = try TraceOutput(&arguments)
    try arguments.finish()

    let scenario = Scenario.default.seeded(seed)
    let clock = tick == .zero ? ", network clock off" : ""
    output.say(
      "level2: \(scenario); \(pluralized(runs, "run")) of the same seed on real threads\(clock)")
    var drawn: (number: Int, result: Level2Run.Result)?  // the run --format/--save take
    let summary = try measure(scenario, runs: runs, networkTick: tick) { number, result in
      if drawn == nil || (drawn?.result.violation == nil && result.violation != nil) {
        drawn = (number, result)
      }
      let number = String(repeating: " ", count: max(0, 4 - String(number).count)) + "\(number)"
      let values = "[" + result.finalValues.map(String.init).joined(separator: ",") + "]"
      let verdict = result.violation.map(\.property.rawValue) ?? "ok"
      output.say(
        "run \(number)  \(result.trace.fingerprintHex)  values \(values)  \(verdict)"
          + unacknowledged(result.observations))
    }
    if showTrace {
      if let result = summary.firstViolating, let violation = result.violation {
        output.say("")
        output.say(
          "trace of the first run that broke a property (\(result.trace.events.count) events):")
        output.say(String(result.trace.text.dropLast()))  // the text ends in a newline already
        output.say("verdict: \(violation)")
        output.say("")
      } else {
        output.say("")
        output.say("no run broke a property, so there is no trace to show; try more --runs")
        output.say("")
      }
    }
    if let drawn, output.format != nil || output.save != nil {
      let which = drawn.result.violation == nil ? "no run broke a property" : "the first that broke"
      output.say("run \(drawn.number) (\(which)):")
      if output.show(drawn.result.trace) { say("") }
      try output.write(drawn.result.trace, title: "level2 seed \(seed), run \(drawn.number)")
    }
    output.say(summary.line)
    return 0
  }

  /// `  (1 increment never acknowledged: its client gave up)`, or nothing when every issued
  /// increment was acknowledged.
  ///
  /// It explains a line like `values [5,5,5]  ok`: 6 increments issued, 5 counted, and no
  /// property broken, because the client that gave up was never told its increment counted
  /// (like Level 1's "timeout, gave up" rows).
  static func unacknowledged(_ observations: [Observation]) -> String {
    var issued: Set<RequestID> = []
    var acknowledged: Set<RequestID> = []
    for observation in observations {
      switch observation {
      case .issued(let request): issued.insert(request)
      case .acknowledged(let request): acknowledged.insert(request)
      case .valueChanged, .read: break
      }
    }
    let missing = issued.count - acknowledged.count
    guard missing > 0 else { return "" }
    let them = missing == 1 ? "its client gave up" : "their clients gave up"
    return "  (\(pluralized(missing, "increment")) never acknowledged: \(them))"
  }

  /// Runs `scenario` up to `runs` times, calling `each` after every run, and sums up.
  ///
  /// `until` is asked after every run; when it says yes, no more runs start (the tour stops once
  /// it has seen both a clean and a violating run).
  static func measure(
    _ scenario: Scenario, runs: Int, networkTick: Duration = .microseconds(5),
    each: (Int, Level2Run.Result) -> Void = { _, _ in },
    until: (Summary) -> Bool = { _ in false }
  ) throws -> Summary {
    var summary = Summary(seed: scenario.seed)
    for number in 1...runs where !until(summary) {
      let result = try Level2Run.run(scenario, networkTick: networkTick)
      summary.runs += 1
      summary.fingerprints.insert(result.fingerprint)
      if result.violation != nil {
        summary.violations += 1
        if summary.firstViolating == nil { summary.firstViolating = result }
      }
      each(number, result)
    }
    return summary
  }
}
