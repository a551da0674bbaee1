import CounterSpec
import Foundation
import Level3Pure
import Level4Exhaustive

/// `workshop bench explorer`: the Level 4 explorer against SPIN on the same model and bounds.
enum ExplorerBench {
  static let help = """
    usage: swift run -c release workshop bench explorer [--vs-spin] [level4 bound options]

    Explores the fixed protocol (no violation, so the whole state space) with the explorer's
    packed path (`Explorer<FixedReplica>.explorePacked`, the same search as `explore`, each state
    stored as about fourteen words) and reports states per second. With --vs-spin, also
    compiles Levels/spin/counter.pml with the same bounds (spin -a, gcc -O2, pan -E), reports
    SPIN's states per second and the ratio, and runs the same packed search for a replica
    defined outside Level3Pure, compiled for no replica in particular: the code your own
    replica gets from `Explorer<YourReplica>.explorePacked(bounds)` (the generic engine line).
    Five interleaved rounds of all three, the best of each reported, so that a burst of load
    does not land on one side only. Needs spin and gcc:
    apt-get install -y spin. Bounds default to 3 replicas, 1 client x 2 increments, 4 in
    flight, 1 fault of each kind, 1 retry, 1 gossip. The SPIN model searches the cluster's graph,
    so both tools store the same number of states (see Levels/spin/README.md).
    """

  static let defaults = Bounds(
    replicas: 3, clients: 1, increments: 2, maxAttempts: 2, maxInFlight: 4, drops: 1,
    duplicates: 1, crashes: 1, retries: 1, gossips: 1)

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let versusSpin = arguments.flag("--vs-spin")
    let bounds = try Level4Command.parseBounds(&arguments, defaults: defaults)
    let flawed = arguments.flag("--flawed")
    try arguments.finish()
    if versusSpin, let outside = spinLimit(bounds) {
      throw UsageError("--vs-spin: \(outside) (the limits of Levels/spin/counter.pml)")
    }
    #if DEBUG
      say("bench: this is a debug build; numbers are 12-16x low. Use swift run -c release.")
    #endif
    say("bench explorer: \(bounds)")
    // The packed search, and with --vs-spin SPIN's verifier (compiled once), in interleaved
    // rounds; the best round of each is reported, so that a burst of load on this shared
    // machine does not land on one side of the ratio only (as in `bench simulator`).
    let spin = versusSpin ? try SpinVerifier(bounds, fixed: !flawed) : nil
    let rounds = versusSpin ? 5 : 1
    var best: (result: Exploration, seconds: Double)?
    var spinBest: SpinResult?
    var genericBest: (result: Exploration, seconds: Double)?
    for _ in 0..<rounds {
      let (result, seconds) = timed(flawed: flawed, bounds)
      if seconds < best?.seconds ?? .infinity { best = (result, seconds) }
      if let run = try spin?.run(), run.seconds < spinBest?.seconds ?? .infinity { spinBest = run }
      if versusSpin {
        let (generic, seconds) = timedGeneric(bounds)
        if seconds < genericBest?.seconds ?? .infinity { genericBest = (generic, seconds) }
      }
    }
    guard let (result, seconds) = best else { return 0 }
    let swiftRate = Double(result.states) / max(seconds, 1e-9)
    say(
      "  swift explorer: \(result.states) states, \(result.transitions) transitions, "
        + "\(formatSeconds(seconds)) s, \(BenchCommand.format(swiftRate)) states/s, "
        + result.verdict + (rounds > 1 ? " (best of \(rounds))" : ""))
    guard versusSpin else {
      say("bench explorer: \(BenchCommand.format(swiftRate)) states/s")
      return 0
    }
    let genericRate = genericBest.map { Double($0.result.states) / max($0.seconds, 1e-9) } ?? 0
    guard let spin = spinBest else {
      say("  spin: not installed. Install it with: sudo apt-get install -y spin (it needs gcc)")
      say("  generic engine: \(BenchCommand.format(genericRate)) states/s, ratio n/a of spin")
      say(
        "bench explorer: \(BenchCommand.format(swiftRate)) states/s, "
          + "spin n/a states/s, ratio n/a")
      return 0
    }
    let spinRate = Double(spin.states) / max(spin.seconds, 1e-3)
    say(
      "  spin (pan -E): \(spin.states) states, \(spin.transitions) transitions, "
        + "\(formatSeconds(spin.seconds)) s, \(BenchCommand.format(spinRate)) states/s "
        + "(best of \(rounds))")
    say(
      spin.states == result.states
        ? "  same graph: \(result.states) states in both"
        : "  state counts differ by \(spin.states - result.states): "
          + (result.counterexample != nil
            ? "each search stops at its first violation (SPIN's is depth first)"
            : "the SPIN model and the cluster disagree: a bug in Levels/spin/counter.pml"))
    say(
      "  generic engine: \(BenchCommand.format(genericRate)) states/s, "
        + "ratio \(String(format: "%.2f", genericRate / spinRate)) of spin")
    say(
      "bench explorer: \(BenchCommand.format(swiftRate)) states/s, spin "
        + "\(BenchCommand.format(spinRate)) states/s, "
        + "ratio \(String(format: "%.2f", swiftRate / spinRate))")
    return 0
  }

  /// What in `bounds` the Promela model cannot hold, if anything (its `#error` line says the same).
  static func spinLimit(_ bounds: Bounds) -> String? {
    if !(1...4).contains(bounds.replicas) { return "1 to 4 replicas, got \(bounds.replicas)" }
    if !(1...4).contains(bounds.clients) { return "1 to 4 clients, got \(bounds.clients)" }
    if bounds.clients * bounds.increments > 8 {
      return "at most 8 increments in all (clients x increments), got "
        + "\(bounds.clients * bounds.increments)"
    }
    if bounds.maxInFlight > 8 { return "--in-flight up to 8, got \(bounds.maxInFlight)" }
    return nil
  }

  struct SpinResult {
    let states: Int
    let transitions: Int
    let seconds: Double
  }

  /// The packed search of `bounds` for the fixed or the flawed replica, and how long it took.
  static func timed(flawed: Bool, _ bounds: Bounds) -> (Exploration, seconds: Double) {
    let clock = ContinuousClock()
    let started = clock.now
    let result =
      flawed
      ? Explorer<FlawedReplica>.explorePacked(bounds)
      : Explorer<FixedReplica>.explorePacked(bounds)
    return (result, (clock.now - started).seconds)
  }

  /// The same packed search for `OutsideReplica`, compiled for no replica in particular (the
  /// code any replica of yours runs), and how long it took.
  static func timedGeneric(_ bounds: Bounds) -> (Exploration, seconds: Double) {
    let clock = ContinuousClock()
    let started = clock.now
    let result = Explorer<OutsideReplica>.explorePacked(bounds)
    return (result, (clock.now - started).seconds)
  }

  /// SPIN's verifier for the model and bounds, generated and compiled in a directory of its own
  /// (removed when the verifier is), run as often as asked.
  final class SpinVerifier {
    let directory: URL

    /// Generates and compiles the verifier; `nil` when spin is not installed.
    init?(_ bounds: Bounds, fixed: Bool) throws {
      guard shell(["spin", "-V"], in: nil)?.status == 0 else { return nil }
      let model = try modelPath()
      directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("whichlevel-spin-\(ProcessInfo.processInfo.processIdentifier)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let slotBits = max(
        1, Int.bitWidth - (bounds.clients * bounds.increments).leadingZeroBitCount)
      let defines = [
        "R": bounds.replicas, "C": bounds.clients, "I": bounds.increments,
        "A": bounds.maxAttempts, "MAXF": bounds.maxInFlight, "DROPS": bounds.drops,
        "DUPS": bounds.duplicates, "CRASHES": bounds.crashes, "RETRIES": bounds.retries,
        "GOSSIPS": bounds.gossips, "FIXED": fixed ? 1 : 0, "SB": slotBits,
      ].sorted { $0.key < $1.key }.map { "-D\($0.key)=\($0.value)" }
      for step in [
        ["spin", "-a"] + defines + [model],
        ["gcc", "-O2", "-w", "-DSAFETY", "-DNOREDUCE", "-DMEMLIM=16000", "-o", "pan", "pan.c"],
      ] {
        guard shell(step, in: directory)?.status == 0 else {
          throw UsageError("'\(step.joined(separator: " "))' failed")
        }
      }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs the verifier once and reads its counts and elapsed time.
    func run() throws -> SpinResult {
      let command = ["./pan", "-E", "-m100000", "-w26"]
      guard let output = shell(command, in: directory)?.output else {
        throw UsageError("'\(command.joined(separator: " "))' failed")
      }
      func number(before marker: String) -> Double? {
        for line in output.split(separator: "\n") where line.contains(marker) {
          let words = line.split(separator: " ")
          if marker == "elapsed time", words.count >= 4 { return Double(words[3]) }
          if let first = words.first { return Double(first) }
        }
        return nil
      }
      guard let states = number(before: "states, stored"),
        let transitions = number(before: "transitions (= stored+matched)"),
        let seconds = number(before: "elapsed time")
      else {
        throw UsageError("could not read pan's output")
      }
      return SpinResult(states: Int(states), transitions: Int(transitions), seconds: seconds)
    }
  }

  /// `Levels/spin/counter.pml`, from the current directory or from this source file's checkout.
  static func modelPath() throws -> String {
    let relative = "Levels/spin/counter.pml"
    if FileManager.default.fileExists(atPath: relative) {
      return FileManager.default.currentDirectoryPath + "/" + relative
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent(relative).path
    guard FileManager.default.fileExists(atPath: path) else {
      throw UsageError("cannot find \(relative): run from the repository root")
    }
    return path
  }

  /// Runs `command` (looked up in PATH) in `directory`; returns its status and standard output.
  static func shell(_ command: [String], in directory: URL?) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    if let directory { process.currentDirectoryURL = directory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
