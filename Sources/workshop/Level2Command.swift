import CounterSpec
import Dispatch
import Level2Messaging
import Synchronization

/// Carries the experiment's outcome from its task back to the waiting main thread.
private final class ResultBox: Sendable {
  let outcome = Mutex(ReentrancyExperiment.Outcome())
}

/// `workshop level2`: run the Level 2 counter many times with one seed and count what differs.
enum Level2Command {
  static let help = """
    workshop level2: the Level 2 counter (threads, mailboxes, a lossy in-process network with real
    delays) run several times with the SAME seed. Each run prints its trace fingerprint, the final
    replica values and the broken property (or ok). Expect different traces every run, and the
    double count in some runs only; with --protocol stuck, replicas that never agree in some runs.
    A run in which a client gave up on an increment (all its attempts lost or timed out) says so,
    for example values [5,5,5]  ok  (1 increment never acknowledged: its client gave up): nothing
    acknowledged was lost, so that is not a violation.

    usage: swift run workshop level2 [--protocol NAME] [--seed S] [--runs N] [--show-trace]
                                     [--no-clock] [--format F] [--out FILE] [--save FILE]

      --protocol NAME  the replicas' protocol (default flawed):
    \(protocolList)
      --seed S       the scenario's seed (default 7)
      --runs N       how many runs, 1 to 1000 (default 30)
      --show-trace   also print the full trace of the first run that broke a property
      --no-clock     the network's generator no longer moves on with real time: only the order
                     in which threads send decides which message gets which random draw
    \(TraceOutput.help)

    --format, --out and --save take one run: the first that broke a property, or run 1 when
    none did (the same seed gives a different trace every run, so there is no "the" trace).

    After the clients are done a run turns faults off and waits for the replicas to agree: at
    most 300 ms, less once no message has been sent for 90 ms. Replicas that still differ break
    convergence; the verdict names them, their values, and the requests one never learned.

    The last line reads: level2: seed S, N runs, K distinct traces, violation in B runs
    """

  /// `--protocol`'s names and summaries, one per line, for `--help`.
  static var protocolList: String {
    ReplicaProtocol.allCases.map { variant in
      let name = variant.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
      return "                     \(name)\(variant.summary)"
    }.joined(separator: "\n")
  }

  /// The `--protocol` option, `.flawed` when absent.
  static func replicaProtocol(_ arguments: inout Arguments) throws -> ReplicaProtocol {
    guard let name = try arguments.option("--protocol") else { return .flawed }
    guard let found = ReplicaProtocol(rawValue: name) else {
      let names = ReplicaProtocol.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("--protocol must be one of \(names), got '\(name)'")
    }
    return found
  }

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

  static let actorsHelp = """
    workshop level2 actors: the reentrancy sidebar of Levels/2-AsyncMessaging.md, run. A Swift
    actor checks whether it has seen a request, awaits a simulated log write, then records and
    counts it. Each trial sends a request and its retry to a fresh actor at the same time and
    looks whether the one request was counted twice. It compiles in Swift 6 without a warning.

    usage: swift run workshop level2 actors [--trials N]

      --trials N     how many trials, 1 to 1000 (default 20)

    The last line reads: counted one request twice in K of N trials
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.words.first == "actors" {
      _ = arguments.positional()
      return try runActors(&arguments)
    }
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let replicaProtocol = try replicaProtocol(&arguments)
    let seed = try arguments.seed(default: 7)
    let runs = try arguments.int("--runs", default: 30, in: 1...1000)
    let showTrace = arguments.flag("--show-trace")
    let tick: Duration = arguments.flag("--no-clock") ? .zero : .microseconds(5)
    let output = try TraceOutput(&arguments)
    try arguments.finish()

    let scenario = Scenario.default.seeded(seed)
    let clock = tick == .zero ? ", network clock off" : ""
    let variant = replicaProtocol == .flawed ? "" : ", \(replicaProtocol) protocol"
    output.say(
      "level2: \(scenario); \(pluralized(runs, "run")) of the same seed on real threads"
        + "\(variant)\(clock)")
    var drawn: (number: Int, result: Level2Run.Result)?  // the run --format/--save take
    let summary = try measure(
      scenario, runs: runs, replicaProtocol: replicaProtocol, networkTick: tick
    ) { number, result in
      if drawn == nil || (drawn?.result.violation == nil && result.violation != nil) {
        drawn = (number, result)
      }
      let number = String(repeating: " ", count: max(0, 4 - String(number).count)) + "\(number)"
      let values = "[" + result.finalValues.map(String.init).joined(separator: ",") + "]"
      var verdict = result.violation.map(\.property.rawValue) ?? "ok"
      if result.violation?.property == .convergence, let disagreement = result.disagreement {
        verdict += ": " + disagreement.lacking
      }
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

  /// `workshop level2 actors`: the reentrancy experiment, on Swift's concurrency runtime.
  static func runActors(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(actorsHelp)
      return 0
    }
    let trials = try arguments.int("--trials", default: 20, in: 1...1000)
    try arguments.finish()
    say(
      "level2 actors: increment(42) and its retry, concurrently, on a fresh actor; \(trials) trials"
    )
    let result = ResultBox()
    let done = DispatchSemaphore(value: 0)
    Task {
      let outcome = await ReentrancyExperiment.run(trials: trials)
      result.outcome.withLock { $0 = outcome }
      done.signal()
    }
    done.wait()  // the main thread is not one of the tasks' threads: waiting here is safe
    say(result.outcome.withLock { $0 }.description)
    return 0
  }

  /// Runs `scenario` up to `runs` times, calling `each` after every run, and sums up.
  ///
  /// `until` is asked after every run; when it says yes, no more runs start (the tour stops once
  /// it has seen both a clean and a violating run).
  static func measure(
    _ scenario: Scenario, runs: Int, replicaProtocol: ReplicaProtocol = .flawed,
    networkTick: Duration = .microseconds(5),
    each: (Int, Level2Run.Result) -> Void = { _, _ in },
    until: (Summary) -> Bool = { _ in false }
  ) throws -> Summary {
    var summary = Summary(seed: scenario.seed)
    for number in 1...runs where !until(summary) {
      let result = try Level2Run.run(
        scenario, replicaProtocol: replicaProtocol, networkTick: networkTick)
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
