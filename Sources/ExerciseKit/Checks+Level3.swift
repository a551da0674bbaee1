import CounterSpec
import Level2Messaging
import Level3Pure
import Level3Runtime
import Level4Exhaustive
import TraceViews

/// Which half of Exercise 3.1 your replica claims to be.
public enum ConversionStage: Sendable {
  /// Step one: Level 2's behaviour, flaw included, as a pure step. The check compares it with
  /// Level 2's replica and shows the story the tools find.
  case flaw
  /// Step two: the fix. The check puts it under the simulator, the explorer and the live runtime.
  case fix
}

/// How an exercise puts a replica under the tools of Levels 3 and 4: which cluster sizes and
/// gossip intervals the simulator sweeps, how many seeds each, which faults, the explorer's
/// bounds, and whether one live run follows.
public struct ToolRun: Sendable {
  /// The exercise, as replay commands name it (`3.1`).
  public let exercise: String
  /// Cluster sizes the simulator sweeps.
  public let sizes: [Int]
  /// Gossip intervals (`ReplicaConfig.gossipInterval`) the simulator sweeps, in milliseconds.
  public let intervalsMs: [Int]
  /// Seeds per size and interval.
  public let seeds: UInt64
  /// Crashes and partitions on top of the network's faults.
  public let allFaults: Bool
  /// The explorer's bounds.
  public let bounds: Bounds
  /// Whether one short live run (real threads) follows.
  public let live: Bool
  /// Whether the explorer runs before the simulator (it has no clock: a timing idea makes no
  /// difference to it).
  public let explorerFirst: Bool

  /// The scenario the simulator sweeps for one size and interval (seed 0).
  public func scenario(replicas: Int, gossipMs: Int) -> Scenario {
    let scenario = Scenario(replicas: replicas, gossipIntervalMs: gossipMs, seed: 0)
    return allFaults ? scenario.withAllFaults() : scenario
  }

  /// How many simulated runs a clean sweep makes.
  public var runs: Int { sizes.count * intervalsMs.count * Int(seeds) }

  /// The command that replays a simulated failure (`seed` given) or the explorer's.
  public func replayCommand(seed: UInt64?, replicas: Int = 0, gossipMs: Int = 0) -> String {
    let command = "swift run --package-path Exercises exercise-check --replay \(exercise)"
    guard let seed else { return command + " --explore" }
    return command + " --seed \(seed) --replicas \(replicas) --gossip-ms \(gossipMs)"
  }
}

/// What the tools found: nothing, or a story.
enum ToolFindings {
  /// Every run passed; what ran, in one line.
  case clean(String)
  /// A property broke: one line, then the lanes and the replay command.
  case broken(line: String, story: String)
}

extension Checks {
  // MARK: - 3.1 Convert, don't transcribe

  /// Exercise 3.1 under the tools: 3 cluster sizes x 2 gossip intervals x 300 seeds with every
  /// fault, the course's explorer bounds with one increment (5,405 states for the fix; every
  /// mutant of the catalogue is caught within them), one live run. A few seconds in a debug
  /// build.
  public static let conversionRun = ToolRun(
    exercise: "3.1", sizes: [2, 3, 4], intervalsMs: [10, 30], seeds: 300, allFaults: true,
    bounds: {
      var bounds = Bounds.course
      bounds.increments = 1
      return bounds
    }(), live: true, explorerFirst: false)

  /// Exercise 3.1: your pure replica, converted from Level 2's handlers.
  ///
  /// Step one (`stage == .flaw`): it must step exactly as Level 2's replica does
  /// (`FlawedReplica`, compared input by input), and then the tools catch it: the check fails
  /// with "step 1 of 2 done" and the story. Step two (`stage == .fix`): it must answer clients,
  /// be deterministic, and pass the simulator's sweep, the explorer and a live run; the note says
  /// what ran. A failure shows the shortest (explorer) or shrunk (simulator) story as lanes, and
  /// the command that replays it.
  public static func convertedReplica<R: PureCounterReplica>(_: R.Type) throws -> String {
    if R.isUnsolvedStub { throw NotSolvedYet() }
    try deterministic(R.self, conversionRun)
    switch R.stage {
    case .flaw:
      try sameSteps(R.self, as: FlawedReplica.self, named: "Level 2's replica (FlawedReplica)")
      switch try findings(R.self, conversionRun) {
      case .clean(let ran):
        throw CheckFailure(
          "step 1: your replica steps as Level 2's does, yet \(ran); tell the author of this "
            + "course, then go on with step 2")
      case .broken(let line, let story):
        throw CheckFailure(
          "step 1 of 2 done, your replica steps as Level 2's and the tools catch it (\(line)); "
            + "now step 2: fix it and set stage = .fix\n" + story)
      }
    case .fix:
      try answersClients(R.self)
      switch try findings(R.self, conversionRun) {
      case .clean(let ran): return ran
      case .broken(let line, let story): throw CheckFailure(line + "\n" + story)
      }
    }
  }

  // MARK: - 2.3 The XP argument, lived (the Level 3 half)

  /// The course bounds without crashes: Level 2 has no crash, so neither has 2.3's Level 3 half.
  public static let timingBounds: Bounds = {
    var bounds = Bounds.course
    bounds.crashes = 0
    return bounds
  }()

  /// Exercise 2.3's Level 3 half: the explorer without crashes first (it has no clock), then the
  /// faults Level 2 has (drops, duplicates, reordering; no crash) in the default cluster, 500
  /// seeds.
  public static let timingRun = ToolRun(
    exercise: "2.3", sizes: [3], intervalsMs: [30], seeds: 500, allFaults: false,
    bounds: timingBounds, live: false, explorerFirst: true)

  /// Exercise 2.3, both halves: your Level 2 variant passes its reruns (`level2Fix`), then the
  /// same idea as a pure step (`timing`) goes under a Level 3 sweep and the Level 4 explorer.
  ///
  /// A timing fix (gossip sooner, hold the ack back) breaks there in milliseconds, and the note
  /// tells that story with lanes; that is the point of the exercise, and it counts as solved. A
  /// real fix passes both, and the note says so.
  /// - Returns: what ran at Level 2 and what Levels 3 and 4 found, for `verify` to show.
  public static func level2FixBothHalves<Handlers: ReplicaHandlers, T: PureCounterReplica>(
    _ handlers: Handlers.Type, timing: T.Type, fix: () throws -> String
  ) throws -> String {
    let level2 = try level2Fix(handlers, fix: fix)
    guard !T.isUnsolvedStub else {
      throw CheckFailure(
        "Level 2 half done (\(level2)); now the Level 3 half: carry the same idea into "
          + "Exercises/Level3/MyTimingFix.swift")
    }
    return "Level 2: \(level2)\n" + (try level3Half(T.self))
  }

  /// Exercise 2.3's Level 3 half alone: `timing` under `timingRun` (a sweep with Level 2's
  /// faults, then the explorer without crashes).
  /// - Returns: `Level 3: ...` in one line, then the story (lanes and replay command) if
  ///   something broke.
  public static func level3Half<T: CounterReplica>(_: T.Type) throws -> String {
    try deterministic(T.self, timingRun)
    let clock = ContinuousClock()
    let start = clock.now
    let found = try findings(T.self, timingRun)
    let took = milliseconds(clock.now - start)
    switch found {
    case .clean(let ran):
      return "Level 3: \(ran) in \(took) ms: your idea is a real fix, not a timing one "
        + "(compare it with Exercise 3.1)"
    case .broken(let line, let story):
      return "Level 3: \(line), found in \(took) ms: the reruns passed, the flaw stayed\n"
        + story
    }
  }

  // MARK: - The tools, for any replica

  /// Sweeps, explores (in `run`'s order) and, if `run.live`, runs `R` live; the first broken
  /// property wins.
  static func findings<R: CounterReplica>(_: R.Type, _ run: ToolRun) throws -> ToolFindings {
    func explore() -> (ToolFindings?, Exploration) {
      let exploration = Explorer<R>.explore(run.bounds, stateLimit: 500_000)
      return (exploration.counterexample.map { explorerStory(R.self, $0, run) }, exploration)
    }
    // 1) The explorer, if it goes first: every schedule within the bounds, shortest first.
    var explored: Exploration?
    if run.explorerFirst {
      let (story, exploration) = explore()
      if let story { return story }
      explored = exploration
    }
    // 2) The simulator: every size and interval, the seeds in order.
    for replicas in run.sizes {
      for gossipMs in run.intervalsMs {
        let scenario = run.scenario(replicas: replicas, gossipMs: gossipMs)
        let result = Sweep.run(R.self, scenario, seeds: 0..<run.seeds)
        if let failure = result.failure {
          return simulatorStory(R.self, failure, run)
        }
      }
    }
    // 3) The explorer, if it goes second.
    if explored == nil {
      let (story, exploration) = explore()
      if let story { return story }
      explored = exploration
    }
    let exploration = explored!
    let sizes = run.sizes.map(String.init).joined(separator: ", ")
    let intervals = run.intervalsMs.map(String.init).joined(separator: ", ")
    var ran =
      "\(grouped(run.runs)) seeds (\(grouped(Int(run.seeds))) each for \(sizes) replicas x "
      + "gossip \(intervals) ms\(run.allFaults ? ", every fault" : ""))"
      + ", \(grouped(exploration.states)) states"
    if exploration.isTruncated { ran += " (state limit hit)" }
    // 4) One live run: real threads, real delays, the same step.
    if run.live {
      var scenario = Scenario.default.seeded(0)
      scenario.settleMs = 3_000  // ends as soon as the replicas agree
      let result = try ThreadedRuntime.run(R.self, scenario)
      if let violation = result.violation {
        return .broken(
          line: "the live runtime broke it: \(violation)",
          story:
            "(a live run does not replay; the simulator and the explorer found nothing, so look "
            + "for something outside the step's inputs: a clock, a random number, shared state)")
      }
      guard result.threadsJoined else {
        return .broken(
          line: "the live runtime: a thread did not stop; does your step loop forever?", story: "")
      }
      ran += ", 1 live run"
    }
    return .clean(ran + ": no violation")
  }

  /// The simulator's failure, shrunk, as lanes, with the command that replays it.
  static func simulatorStory<R: CounterReplica>(
    _: R.Type, _ failure: Simulator<R>.Outcome, _ run: ToolRun
  ) -> ToolFindings {
    let violation = failure.violation!  // a sweep's failure has one
    let scenario = failure.scenario
    let shrunk = Shrinker.shrink(failure.schedule, as: R.self, keeping: violation.property)
    let trace = shrunk?.outcome.trace ?? failure.trace
    let line =
      "the simulator broke \(violation.property.rawValue) at seed \(scenario.seed) "
      + "(\(pluralized(scenario.replicas, "replica")), gossip \(scenario.gossipIntervalMs) ms): "
      + violation.detail
    let shrinking =
      shrunk.map {
        "shrunk from \(pluralized(failure.choices.count, "choice")) to "
          + "\($0.shrunk.choices.count):"
      } ?? "the run:"
    let replay = run.replayCommand(
      seed: scenario.seed, replicas: scenario.replicas, gossipMs: scenario.gossipIntervalMs)
    return .broken(
      line: line, story: shrinking + "\n" + LaneDiagram().render(trace) + "replay: " + replay)
  }

  /// The explorer's shortest counterexample as lanes, with the command that replays it.
  static func explorerStory<R: CounterReplica>(
    _: R.Type, _ found: Exploration.Counterexample, _ run: ToolRun
  ) -> ToolFindings {
    let replay = found.schedule.replay(R.self, settling: found.settles)
    let line =
      "the explorer broke \(found.property.rawValue) in \(pluralized(found.depth, "choice")): "
      + found.violation.detail
    return .broken(
      line: line,
      story: "the shortest story within \(run.bounds):\n" + LaneDiagram().render(replay.trace)
        + "replay: " + run.replayCommand(seed: nil))
  }

  /// What `exercise-check --replay ID ...` prints: the story of a failure the check reported,
  /// computed again (the tools are deterministic, so it is the same story).
  /// - Parameters:
  ///   - arguments: `--seed S --replicas N --gossip-ms M` (the simulator) or `--explore`.
  /// - Returns: the lanes, or `nil` when that run breaks nothing; throws a one-line usage error.
  public static func replay<R: CounterReplica>(_: R.Type, _ run: ToolRun, arguments: [String])
    throws -> String
  {
    if arguments == ["--explore"] {
      guard let found = Explorer<R>.explore(run.bounds, stateLimit: 500_000).counterexample else {
        return "the explorer finds no violation within \(run.bounds)\n"
      }
      guard case .broken(let line, let story) = explorerStory(R.self, found, run) else {
        return ""
      }
      return line + "\n" + story + "\n"
    }
    var values: [String: Int] = [:]
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      guard ["--seed", "--replicas", "--gossip-ms"].contains(flag), let text = rest.popFirst(),
        let value = Int(text), value >= 0
      else { throw CheckFailure("exercise-check: cannot read '\(flag)' here; \(replayUsage)") }
      values[flag] = value
    }
    guard let seed = values["--seed"] else { throw CheckFailure(replayUsage) }
    let scenario = run.scenario(
      replicas: values["--replicas"] ?? 3, gossipMs: values["--gossip-ms"] ?? 30
    ).seeded(UInt64(seed))
    if let problem = scenario.validate() { throw CheckFailure("exercise-check: \(problem)") }
    let outcome = Simulator<R>.run(scenario)
    guard outcome.violation != nil else {
      return "seed \(seed) breaks nothing (\(scenario)); the lanes:\n"
        + LaneDiagram().render(outcome.trace)
    }
    guard case .broken(let line, let story) = simulatorStory(R.self, outcome, run) else {
      return ""
    }
    return line + "\n" + story + "\n"
  }

  /// How to call `--replay`.
  public static let replayUsage =
    "usage: exercise-check --replay ID (--seed S [--replicas N] [--gossip-ms M] | --explore)"

  // MARK: - Determinism

  /// Runs the same seeds twice in this process, with the heap moved between the two runs, and
  /// compares the traces byte for byte: a step whose actions follow `Set` or `Dictionary`
  /// order (Swift seeds each table's hashing from its address and a per-process key), a clock
  /// or a random source tells two different stories.
  static func deterministic<R: CounterReplica>(_: R.Type, _ run: ToolRun) throws {
    for seed in UInt64(0)..<4 {
      let scenario = run.scenario(replicas: 3, gossipMs: 30).seeded(seed)
      let first = Simulator<R>.run(scenario).trace
      // Hold tables of the sizes a replica might build, so the second run's tables are
      // allocated elsewhere (and hash with other seeds).
      var ballast: [Set<ReplicaID>] = []
      var tables: [[ReplicaID: Int]] = []
      for size in 1...40 {
        ballast.append(Set((0..<(size % 9)).map(ReplicaID.init)))
        tables.append(
          Dictionary(uniqueKeysWithValues: (0..<(size % 9)).map { (ReplicaID($0), $0) }))
      }
      let second = Simulator<R>.run(scenario).trace
      withExtendedLifetime((ballast, tables)) {}
      guard first.text != second.text else { continue }
      throw CheckFailure(
        nondeterminism(
          seed: seed, how: "ran twice in one process", first.text, second.text))
    }
  }

  /// The trace the determinism checks compare: `R` on `run`'s default cluster (3 replicas,
  /// gossip 30 ms) with `seed`, as text. `exercise-check --trace ID S` prints it, so two
  /// processes can be compared too.
  public static func traceText<R: CounterReplica>(_: R.Type, _ run: ToolRun, seed: UInt64)
    -> String
  {
    Simulator<R>.run(run.scenario(replicas: 3, gossipMs: 30).seeded(seed)).trace.text
  }

  /// The one-line reason for two traces of one seed that differ: the first line that differs,
  /// and why it matters.
  public static func nondeterminism(seed: UInt64, how: String, _ first: String, _ second: String)
    -> String
  {
    let a = first.split(separator: "\n").map(String.init)
    let b = second.split(separator: "\n").map(String.init)
    let index = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
    let was = index < a.count ? a[index].trimmingPrefixSpaces : "(the end)"
    let now = index < b.count ? b[index].trimmingPrefixSpaces : "(the end)"
    return "not deterministic: seed \(seed) \(how) and the traces differ at line \(index + 1), "
      + "'\(was)' then '\(now)'; something in your step follows Set or Dictionary order (or "
      + "hashValue), a clock or a random source (Swift seeds hashing per process and per table), "
      + "and a replay must tell the same story every time: keep peers in an array "
      + "(config.peers(of:)), in ascending order"
  }

  // MARK: - Comparisons

  /// Fails unless `R` returns exactly what `Reference` returns, for every input, in every state
  /// reached by 300 seeded random stories of 40 inputs (restarts from disk included).
  static func sameSteps<R: CounterReplica, Reference: ReferenceReplica>(
    _: R.Type, as _: Reference.Type, named name: String
  ) throws {
    let config = ReplicaConfig(replicas: 3, gossipInterval: .milliseconds(30))
    for story in 0..<300 {
      var random = SeededGenerator(seed: UInt64(story))
      let id = ReplicaID(random.int(in: 0...(config.replicas - 1)))
      var yours = R(id: id, config: config)
      var ours = Reference(id: id, config: config)
      var other = Reference(id: ReplicaID((id.index + 1) % config.replicas), config: config)
      let otherID = ReplicaID((id.index + 1) % config.replicas)
      var writes: [Tally] = []  // ours' writes in flight, oldest first
      var disk: Tally?
      for step in 0..<40 {
        var input = randomInput(&random, peer: otherID, peerTally: other.tally)
        if case .persisted = input {
          guard !writes.isEmpty else { continue }
          disk = writes.removeFirst()
          input = .persisted(disk!)
        }
        if case .started = input {  // a crash and a restart from disk
          writes.removeAll()
          yours = R(id: id, config: config, restoring: disk)
          ours = Reference(id: id, config: config, restoring: disk)
        }
        if case .requested = input, random.chance(0.3) {
          _ = other.step(input)  // the peer learns some requests too, so syncs carry news
        }
        let expected = ours.step(input)
        var got: [ReplicaAction] = []
        yours.step(input, into: &got)
        for case .persist(let tally) in expected { writes.append(tally) }
        guard got == expected else {
          throw CheckFailure(
            "story \(story), step \(step + 1), \(id) handling '\(input)': you returned "
              + "\(got), \(name) returns \(expected)")
        }
        guard yours.value == ours.value else {
          throw CheckFailure(
            "story \(story), step \(step + 1), after '\(input)': value \(yours.value), "
              + "\(name) has \(ours.value)")
        }
      }
    }
  }

  private static func randomInput(
    _ random: inout SeededGenerator, peer: ReplicaID, peerTally: Tally
  ) -> ReplicaInput {
    switch random.int(in: 0...11) {
    case 0...4:
      let request = RequestID(
        client: ClientID(random.int(in: 0...1)), number: random.int(in: 1...4))
      return .requested(request, from: request.client)
    case 5...6: return .synced(peerTally, from: peer)
    case 7...8: return .timerFired(.gossip)
    case 9...10: return .persisted(Tally(replicas: 1))  // replaced by the oldest write
    default: return .started
    }
  }

  /// Fails unless, on a perfect network, every increment is acknowledged and counted: a replica
  /// that never answers breaks no property, and fixes nothing.
  static func answersClients<R: CounterReplica>(_: R.Type) throws {
    let scenario = Scenario.faultFree.seeded(0)
    let outcome = Simulator<R>.run(scenario)
    var acked = Set<String>()  // membership only; its order reaches nothing
    for event in outcome.trace.events {
      if case .deliver(.replica, .client, let message) = event.kind, message.hasPrefix("ack ") {
        acked.insert(message)
      }
    }
    guard acked.count == scenario.totalIncrements else {
      throw CheckFailure(
        "on a perfect network (seed 0) only \(acked.count) of \(scenario.totalIncrements) "
          + "increments were acknowledged: a replica that does not answer breaks nothing, and "
          + "fixes nothing")
    }
    guard outcome.finalValues.allSatisfy({ $0 == scenario.totalIncrements }) else {
      throw CheckFailure(
        "on a perfect network (seed 0) the replicas end at \(outcome.finalValues), expected "
          + "\(scenario.totalIncrements) each")
    }
  }

  // MARK: - Numbers

  /// `29162` as `29,162`.
  static func grouped(_ value: Int) -> String {
    var digits = Array(String(value))
    var index = digits.count - 3
    while index > 0 {
      digits.insert(",", at: index)
      index -= 3
    }
    return String(digits)
  }

  static func milliseconds(_ duration: Duration) -> Int {
    Int(duration.microseconds / 1_000)
  }
}

/// A reference replica whose tally the random stories can gossip.
protocol ReferenceReplica: CounterReplica {
  /// Its whole tally, as it gossips it.
  var tally: Tally { get }
}

extension FlawedReplica: ReferenceReplica {}
extension FixedReplica: ReferenceReplica {}

extension String {
  /// The text without its leading spaces (a trace line's time column is right-aligned).
  fileprivate var trimmingPrefixSpaces: String { String(drop { $0 == " " }) }
}
