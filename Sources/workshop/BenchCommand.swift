import CounterSpec
import Foundation
import Level2Messaging
import Level3Pure

/// `workshop bench`: performance figures, measured in release mode, never in tests.
enum BenchCommand {
  static let help = """
    usage: swift run -c release workshop bench simulator [--seconds S | --seeds N]
           swift run -c release workshop bench explorer [--vs-spin]   (see explorer --help)

    Measures the Level 3 simulator on the default scenario against a bare event loop (the same
    queue of the same events and the same generator, a step that does nothing), in the same run,
    and reports the ratio.
    Build in release (-c release): debug builds are 12-16x slower.

      --seconds S   how long to measure each loop (default 2)
      --seeds N     only run seeds 0..<N of the simulator and count their events: a fixed
                    amount of work for a profiler (valgrind --tool=callgrind, perf)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.words.first == "explorer" {  // before --help: `bench explorer --help` is its own
      _ = arguments.positional()
      return try ExplorerBench.run(&arguments)
    }
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    guard let what = arguments.positional() else {
      throw UsageError("bench needs a subject: simulator (try --help)")
    }
    switch what {
    case "simulator":
      let seconds = try arguments.int("--seconds", default: 2, in: 1...60)
      let seeds = try arguments.int("--seeds", default: 0, in: 1...100_000_000)  // 0: absent
      try arguments.finish()
      if seeds > 0 { return simulatorWork(seeds: seeds) }
      return simulator(seconds: Double(seconds))
    default:
      throw UsageError("unknown bench subject '\(what)' (try --help)")
    }
  }

  // MARK: - Simulator

  static func simulator(seconds: Double) -> Int32 {
    #if DEBUG
      say("bench: this is a debug build; numbers are 12-16x low. Use swift run -c release.")
    #endif
    let scenario = Scenario.default
    say("bench simulator: default scenario (\(scenario)), flawed protocol, no trace")

    // 1) and 2), interleaved: five rounds of the simulator over consecutive seeds, each followed
    //    by the bare loop (the same queue of the same events and the same generator, a step that
    //    does nothing). The best round of each is reported, so a burst of load on this shared
    //    machine does not land on one side of the ratio only.
    let clock = ContinuousClock()
    let rounds = 5
    let slice = seconds / Double(rounds)
    var simulator = Simulator<FlawedReplica>(scenario: scenario, recordsTrace: false)
    var seeds = 0
    var best = (events: 0.0, seeds: 0.0, simulated: 0.0)
    var bare = 0.0
    var bareInPlace = 0.0  // a stricter floor: see `bareLoopInPlace(seconds:queued:delay:)`
    for _ in 0..<rounds {
      var events = 0
      var roundSeeds = 0
      var virtualMicros: Int64 = 0
      let start = clock.now
      while (clock.now - start).seconds < slice {
        for _ in 0..<100 {
          let outcome = simulator.run(seed: UInt64(seeds))
          seeds += 1
          roundSeeds += 1
          events += outcome.events
          virtualMicros += outcome.virtualTime
        }
      }
      let elapsed = (clock.now - start).seconds
      if Double(events) / elapsed > best.events {
        best = (
          Double(events) / elapsed, Double(roundSeeds) / elapsed,
          Double(virtualMicros) / 1e6 / elapsed
        )
      }
      bare = max(bare, bareLoop(seconds: slice, queued: 24, delay: scenario.delayMs))
      bareInPlace = max(
        bareInPlace, bareLoopInPlace(seconds: slice, queued: 24, delay: scenario.delayMs))
    }
    let eventsPerSecond = best.events
    say(
      "  simulator:  \(format(eventsPerSecond)) events/s, \(format(best.seeds)) seeds/s, "
        + "\(format(best.simulated)) simulated s per wall s (best of \(rounds) rounds)")
    say(
      "  bare loop:  \(format(bare)) events/s (the same EventQueue<Simulator.Event> and generator, "
        + "no-op step; best of \(rounds))")
    let ratio = eventsPerSecond / bare
    say(
      "  in place:   \(format(bareInPlace)) events/s (the bare loop taking each event as the "
        + "simulator does, first and replaceFirst; ratio "
        + "\(String(format: "%.2f", eventsPerSecond / bareInPlace))x)")

    // 3) Time to find the flaw: Level 3 sweeps seeds from 20 starting points; Level 2 runs the
    //    default seed again and again (brute force) in 5 trials. Means are compared.
    var sweepTotal = Duration.zero
    var seedsTotal = 0
    for start in 0..<20 {
      let first = UInt64(start * 1_000)
      let sweepStart = clock.now
      let sweep = Sweep.run(scenario, seeds: first..<(first + 1_000))
      sweepTotal += clock.now - sweepStart
      seedsTotal += sweep.seedsRun
    }
    let level3Mean = sweepTotal.seconds / 20
    say(
      "  level 3: a sweep finds the flaw after \(String(format: "%.1f", Double(seedsTotal) / 20)) "
        + "seeds on average, in \(String(format: "%.3f", level3Mean * 1000)) ms (mean of 20 sweeps)"
    )
    var level2Total = Duration.zero
    var level2Runs = 0
    for _ in 0..<5 {
      let trialStart = clock.now
      for _ in 0..<200 {
        level2Runs += 1
        guard (try? Level2Run.run(scenario))?.violation == nil else { break }
      }
      level2Total += clock.now - trialStart
    }
    let level2Mean = level2Total.seconds / 5
    say(
      "  level 2: brute force shows it after \(String(format: "%.1f", Double(level2Runs) / 5)) "
        + "runs on average, in \(String(format: "%.1f", level2Mean * 1000)) ms (mean of 5 trials)")
    let timeToBug = level2Mean / level3Mean

    say(
      "bench simulator: \(format(eventsPerSecond)) events/s, \(String(format: "%.2f", ratio))x "
        + "of bare loop, time-to-bug ratio \(String(format: "%.0f", timeToBug))x")
    return 0
  }

  /// Runs seeds `0..<seeds` of the benchmark's simulator and prints how many events they took:
  /// the same work on every run, for a profiler to count.
  static func simulatorWork(seeds: Int) -> Int32 {
    var simulator = Simulator<FlawedReplica>(scenario: .default, recordsTrace: false)
    var events = 0
    for seed in 0..<seeds { events += simulator.run(seed: UInt64(seed)).events }
    say("bench simulator: \(seeds) seeds, \(events) events")
    return 0
  }

  /// Pops and pushes the simulator's own events (`EventQueue<Simulator.Event>`, each a gossip
  /// message with its tally) with random delays from the same generator, doing nothing else: the
  /// cost floor of moving these events through this queue.
  static func bareLoop(seconds: Double, queued: Int, delay: ClosedRange<Int>) -> Double {
    var (queue, random) = filledQueue(queued: queued, delay: delay)
    let clock = ContinuousClock()
    let start = clock.now
    var events = 0
    while (clock.now - start).seconds < seconds {
      for _ in 0..<10_000 {
        guard let (time, element) = queue.pop() else { break }
        _ = random.chance(0.1)  // the network's drop draw; the step itself does nothing
        queue.push(element, at: time + Int64(random.int(in: delay)) * 1_000)
        events += 1
      }
    }
    return Double(events) / (clock.now - start).seconds
  }

  /// `bareLoop(seconds:queued:delay:)`, each event taking its own place again (`first`, then
  /// `replaceFirst`), as the simulator's first new event takes the place of the one it handles:
  /// one sift where a pop and a push cost two, so a stricter floor than the bare loop's. (A
  /// function of its own: the bare loop's code stays as it was measured in earlier rounds.)
  static func bareLoopInPlace(seconds: Double, queued: Int, delay: ClosedRange<Int>) -> Double {
    var (queue, random) = filledQueue(queued: queued, delay: delay)
    let clock = ContinuousClock()
    let start = clock.now
    var events = 0
    while (clock.now - start).seconds < seconds {
      for _ in 0..<10_000 {
        guard let time = queue.nextTime, let element = queue.first else { break }
        _ = random.chance(0.1)  // the network's drop draw; the step itself does nothing
        queue.replaceFirst(with: element, at: time + Int64(random.int(in: delay)) * 1_000)
        events += 1
      }
    }
    return Double(events) / (clock.now - start).seconds
  }

  /// The bare loops' start: `queued` of the simulator's gossip events at random times, and the
  /// generator that drew them.
  static func filledQueue(queued: Int, delay: ClosedRange<Int>) -> (
    EventQueue<Simulator<FlawedReplica>.Event>, SeededGenerator
  ) {
    var queue = EventQueue<Simulator<FlawedReplica>.Event>(capacity: 64)
    var random = SeededGenerator(seed: 1)
    let gossip = Simulator<FlawedReplica>.Event.deliver(
      .sync(Tally(replicas: 3), from: ReplicaID(0), to: ReplicaID(1)))
    for _ in 0..<queued { queue.push(gossip, at: Int64(random.int(in: delay)) * 1_000) }
    return (queue, random)
  }

  /// `1.23M`, `45.6k` or `789`.
  static func format(_ value: Double) -> String {
    switch value {
    case 1e6...: String(format: "%.2fM", value / 1e6)
    case 1e4...: String(format: "%.1fk", value / 1e3)
    default: String(format: "%.1f", value)
    }
  }
}
