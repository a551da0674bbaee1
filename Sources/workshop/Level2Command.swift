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
      "level2: seed \(seed), \(runs) runs, \(fingerprints.count) distinct traces, "
        + "violation in \(violations) runs"
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
    say("level2: \(scenario); \(runs) runs of the same seed on real threads\(variant)\(clock)")
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
      say("run \(number)  \(result.trace.fingerprintHex)  values \(values)  \(verdict)")
    }
    if showTrace {
      if let result = summary.firstViolating, let violation = result.violation {
        say("")
        say("trace of the first run that broke a property (\(result.trace.events.count) events):")
        say(String(result.trace.text.dropLast()))  // the text ends in a newline already
        say("verdict: \(violation)")
        say("")
      } else {
        say("")
        say("no run broke a property, so there is no trace to show; try more --runs")
        say("")
      }
    }
    if let drawn, output.format != nil || output.save != nil {
      let which = drawn.result.violation == nil ? "no run broke a property" : "the first that broke"
      say("run \(drawn.number) (\(which)):")
      if output.show(drawn.result.trace) { say("") }
      try output.write(drawn.result.trace, title: "level2 seed \(seed), run \(drawn.number)")
    }
    say(summary.line)
    return 0
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

  /// Runs `scenario` `runs` times, calling `each` after every run, and sums up.
  static func measure(
    _ scenario: Scenario, runs: Int, replicaProtocol: ReplicaProtocol = .flawed,
    networkTick: Duration = .microseconds(5), each: (Int, Level2Run.Result) -> Void = { _, _ in }
  ) throws -> Summary {
    var summary = Summary(seed: scenario.seed)
    for number in 1...runs {
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
