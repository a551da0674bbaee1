import CounterSpec
import Foundation
import Level3Pure

/// `workshop bench`: performance figures, measured in release mode, never in tests.
enum BenchCommand {
  static let help = """
    usage: swift run -c release workshop bench simulator [--seconds S]
           swift run -c release workshop bench explorer [--vs-spin]   (see explorer --help)

    Measures the Level 3 simulator on the default scenario against a bare event loop (the same
    queue and generator, a step that does nothing), in the same run, and reports the ratio.
    Build in release (-c release): debug builds are 12-16x slower.

      --seconds S   how long to measure each loop (default 2)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    if arguments.words.first == "explorer" {
      _ = arguments.positional()
      return try ExplorerBench.run(&arguments)
    }
    guard let what = arguments.positional() else {
      throw UsageError("bench needs a subject: simulator (try --help)")
    }
    switch what {
    case "simulator":
      let seconds = try arguments.int("--seconds", default: 2, in: 1...60)
      try arguments.finish()
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

    // 1) The simulator over consecutive seeds.
    let clock = ContinuousClock()
    var seeds = 0
    var events = 0
    var virtualMicros: Int64 = 0
    let simStart = clock.now
    while (clock.now - simStart).seconds < seconds {
      for _ in 0..<100 {
        let outcome = Simulator.run(scenario.seeded(UInt64(seeds)), recordsTrace: false)
        seeds += 1
        events += outcome.events
        virtualMicros += outcome.virtualTime
      }
    }
    let simSeconds = (clock.now - simStart).seconds
    let eventsPerSecond = Double(events) / simSeconds
    say("  simulator:  \(format(eventsPerSecond)) events/s, \(format(Double(seeds) / simSeconds)) seeds/s, "
      + "\(format(Double(virtualMicros) / 1e6 / simSeconds)) simulated s per wall s")

    // 2) The bare loop: the same queue and generator, a step that does nothing.
    let bare = bareLoop(seconds: seconds, queued: 24, delay: scenario.delayMs)
    say("  bare loop:  \(format(bare)) events/s (same EventQueue and SeededGenerator, no-op step)")
    let ratio = eventsPerSecond / bare

    // 3) Time to find the flaw by sweeping seeds.
    let sweepStart = clock.now
    let sweep = Sweep.run(scenario, seeds: 0..<100_000)
    let sweepSeconds = (clock.now - sweepStart).seconds
    let found = sweep.failure.map { "seed \($0.scenario.seed)" } ?? "nothing"
    say("  level 3 sweep found \(found) after \(sweep.seedsRun) seeds in \(format(sweepSeconds * 1000)) ms")

    say("bench simulator: \(format(eventsPerSecond)) events/s, \(String(format: "%.2f", ratio))x of bare loop")
    return 0
  }

  /// Pops and pushes events with random delays, doing nothing else: the cost floor of any
  /// simulator built on this queue and generator.
  static func bareLoop(seconds: Double, queued: Int, delay: ClosedRange<Int>) -> Double {
    var queue = EventQueue<Int>()
    var random = SeededGenerator(seed: 1)
    for index in 0..<queued { queue.push(index, at: Int64(random.int(in: delay)) * 1_000) }
    let clock = ContinuousClock()
    let start = clock.now
    var events = 0
    var sink = 0
    while (clock.now - start).seconds < seconds {
      for _ in 0..<10_000 {
        guard let (time, element) = queue.pop() else { break }
        sink &+= element
        _ = random.chance(0.1)
        queue.push(element, at: time + Int64(random.int(in: delay)) * 1_000)
        events += 1
      }
    }
    if sink == -1 { say("") }  // keeps the optimiser from deleting the loop
    return Double(events) / (clock.now - start).seconds
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
