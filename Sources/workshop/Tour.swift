import CounterSpec
import Foundation
import Level1RPC
import Level2Messaging
import Level3Pure
import Level4Exhaustive

/// `swift run workshop` with no arguments: every level's demo, measured live, ending with the
/// central table of `Levels/` ("the same scenario, the same seed, many runs, per level").
enum Tour {
  static let map = """
    The levels (course text in Levels/, code in Sources/):
      0  clueless           Levels/0-Clueless.md
      1  RPC                Levels/1-RPC.md            Sources/Level1RPC
      2  threads + messages Levels/2-AsyncMessaging.md Sources/Level2Messaging
      3  purity             Levels/3-Purity.md         Sources/Level3Pure
      4  exhaustive         Levels/4-Exhaustive.md     Sources/Level4Exhaustive
    """

  /// How many times Level 3 replays the seed.
  static let runs = 20

  /// Level 2's budget: it runs the seed until it has seen a clean run and a violating run, but
  /// never more than this many runs...
  ///
  /// A run breaks with probability p ≈ 0.26 (see Level2VersusLevel3Tests). Even if load moved p
  /// anywhere within 0.2...0.8, 60 runs miss one of the two outcomes with probability at most
  /// 0.8^60 ≈ 2e-6. Typically it takes 2 to 6 runs, well under a second.
  static let level2RunCap = 60
  /// ...and never for longer than this (a very slow laptop stops here and says so).
  static let level2TimeCap = Duration.seconds(20)

  static func run() throws -> Int32 {
    let clock = ContinuousClock()
    let started = clock.now

    // The Level 3 sweep runs first, silently (a few milliseconds): it names the seed that every
    // row below uses, so the header can say it.
    let sweepStart = clock.now
    let sweep = Sweep.run(.default, seeds: 0..<10_000)
    let sweepTime = clock.now - sweepStart
    guard let failure = sweep.failure, let violation = failure.violation else {
      say("tour: the Level 3 sweep found no failing seed in 10000; nothing to compare")
      return 1
    }
    let seed = failure.scenario.seed
    let scenario = Scenario.default.seeded(seed)

    say("Which Level: one replicated counter, four programming models.")
    say("Scenario: \(scenario)")
    say(
      "  (seed \(seed) is the first seed the Level 3 sweep finds failing; Levels 2 and 3 below "
        + "both run it; Level 4 needs no seed)")
    say("")

    // Level 1: the scripted demo, twice, to see whether it repeats itself.
    say("== Level 1: naive RPC over loopback TCP")
    let first = try Level1Command.demo()
    let again = try PartialFailureDemo.runAll()
    let repeated = zip(first, again).filter { $0.serverCounted == $1.serverCounted }.count
    say("")

    // Level 2: the same seed, again and again, on real threads, until both outcomes showed.
    say(
      "== Level 2: threads and a lossy network, seed \(seed) run until one run broke and one "
        + "did not (at most \(level2RunCap) runs or \(level2TimeCap.components.seconds) s)")
    var firstBreak: (run: Int, after: Duration)?
    var firstClean: Int?
    let level2Start = clock.now
    let summary = try Level2Command.measure(
      scenario, runs: level2RunCap,
      each: { number, result in
        if result.violation != nil, firstBreak == nil {
          firstBreak = (number, clock.now - level2Start)
        }
        if result.violation == nil, firstClean == nil { firstClean = number }
      },
      until: { summary in
        (summary.violations > 0 && summary.violations < summary.runs)
          || clock.now - level2Start > level2TimeCap
      })
    let bothSeen = firstBreak != nil && firstClean != nil
    say(summary.line)
    say(
      bothSeen
        ? "  both outcomes after \(pluralized(summary.runs, "run")): first clean run "
          + "\(firstClean ?? 0), first broken run \(firstBreak?.run ?? 0)"
        : "  stopped at the budget without seeing both outcomes: "
          + "\(summary.violations) of \(pluralized(summary.runs, "run")) broke")
    say("  (see the stories: swift run workshop level2 --seed \(seed) --show-trace)")
    say("")

    // Level 3: the sweep's seed, replayed.
    say("== Level 3: a pure step and a simulator")
    say(
      "level3 sweep: \(pluralized(sweep.seedsRun, "seed")) in "
        + "\(formatSeconds(sweepTime.seconds)) s, first failing seed \(seed)")
    var fingerprints: Set<UInt64> = []
    var sameViolation = 0
    for _ in 0..<runs {
      let outcome = Simulator<FlawedReplica>.run(scenario)
      fingerprints.insert(outcome.trace.fingerprint)
      if outcome.violation == violation { sameViolation += 1 }
    }
    say(Level3Command.summary(failure))
    say(
      "  replayed \(runs) times: \(pluralized(fingerprints.count, "fingerprint")), "
        + "the same violation \(sameViolation) times")
    say("  (the story: swift run workshop level3 --seed \(seed))")
    say("")

    // Level 4: every interleaving within small bounds, shortest first.
    say("== Level 4: exhaustive search of the same step, every order within small bounds")
    // The table compares one failure, the double count, so the flawed search has no crash to
    // spend (with one, its shortest story is the flawed protocol's other bug, a lost ack); the
    // fix is searched with the crash.
    var noCrash = Bounds.course
    noCrash.crashes = 0
    say("level4: exploring \(noCrash)")
    let exploreStart = clock.now
    let exploration = Explorer<FlawedReplica>.explore(noCrash)
    let exploreTime = clock.now - exploreStart
    let fixed = Explorer<FixedReplica>.explore(.course)
    let shortest =
      exploration.counterexample.map { "violation at depth \($0.depth)" }
      ?? "no violation"
    say(
      "level4: \(exploration.states) states, \(exploration.transitions) transitions, "
        + "depth \(exploration.depth), \(shortest)")
    say(
      "  fixed protocol, the same bounds with one crash: \(fixed.states) states, "
        + (fixed.counterexample == nil ? "no violation" : "VIOLATION"))
    say("  (the story: swift run workshop level4 --crashes 0)")
    say("")

    // The table.
    let level2Reproduces =
      bothSeen
      ? "sometimes: \(summary.violations)/\(summary.runs) runs broke, "
        + "\(pluralized(summary.fingerprints.count, "distinct trace"))"
      : "not seen both outcomes: \(summary.violations)/\(summary.runs) runs broke (budget)"
    let level2Found =
      firstBreak.map {
        "by brute force: first broke on run \($0.run) (\(milliseconds($0.after)))"
      } ?? "by brute force: not in \(pluralized(summary.runs, "run"))"
    say("== The same scenario, the same seed, many runs, per level (measured just now)")
    let rows = [
      ["level", "same seed reproduces the failure", "how the failure is found"],
      [
        "1", "always: \(repeated)/\(first.count) cases counted the same twice (scripted)",
        "by a scripted fault",
      ],
      ["2", level2Reproduces, level2Found],
      [
        "3",
        "every time: \(sameViolation)/\(runs) runs, "
          + pluralized(fingerprints.count, "trace"),
        "by a seed sweep: seed \(seed) after \(pluralized(sweep.seedsRun, "seed")) "
          + "(\(milliseconds(sweepTime)))",
      ],
      [
        "4", "n/a: all orders are enumerated",
        exploration.counterexample.map {
          "by exhaustive search: shortest story, \($0.depth) steps (\(milliseconds(exploreTime)))"
        } ?? "by exhaustive search: none within the bounds",
      ],
    ]
    for line in table(rows) { say(line) }
    say(
      "(level 2 stops once one run broke and one did not: its counts vary from laptop to "
        + "laptop; level 3's never do)")
    say("")
    say(map)
    say("")
    say("tour: done in \(formatSeconds((clock.now - started).seconds)) s")
    return 0
  }

  /// `12.3 ms` or `1.234 s`.
  static func milliseconds(_ duration: Duration) -> String {
    let seconds = duration.seconds
    return seconds < 1
      ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.3f s", seconds)
  }

  /// Left-aligned columns separated by two spaces, with a rule under the header.
  static func table(_ rows: [[String]]) -> [String] {
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return [line(rows[0]), rule] + rows.dropFirst().map(line)
  }
}
