import CounterSpec
import Dispatch
import Level2Messaging
import Level3Pure

extension Checks {
  // MARK: - 2.1 The cost of brute force

  /// Exercise 2.1: the fewest clean reruns that reach the confidence, and no fewer.
  public static func runsNeeded(_ answer: (Double, Double) throws -> Int) throws {
    let cases: [(rate: Double, confidence: Double)] = [
      (0.3, 0.99), (0.3, 0.5), (0.05, 0.95), (0.01, 0.999), (0.5, 0.5), (0.9, 0.99), (1, 0.99),
      (0.001, 0.95), (0.2, 0.9), (0.5, 0.75), (0.99, 0.5), (0.29, 0.999),
    ]
    for (rate, confidence) in cases {
      let runs = try answer(rate, confidence)
      func seen(_ n: Int) -> Double { 1 - pow(1 - rate, n) }
      guard runs >= 1, seen(runs) >= confidence - 1e-12 else {
        throw CheckFailure(
          "rate \(rate), confidence \(confidence): \(runs) runs see the bug only with "
            + "probability \(seen(max(runs, 0)))")
      }
      guard runs == 1 || seen(runs - 1) < confidence else {
        throw CheckFailure(
          "rate \(rate), confidence \(confidence): \(runs) runs is more than needed; "
            + "\(runs - 1) already reach \(seen(runs - 1))")
      }
    }
  }

  private static func pow(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent { result *= base }
    return result
  }

  // MARK: - 2.2 Read the story

  /// Seeds of the default scenario and the request each one counts twice (`nil`: none),
  /// worked out by hand from `workshop level3 --seed S` and frozen here.
  static let stories: [(seed: UInt64, answer: RequestID?)] = [
    (0, nil), (1, RequestID(client: ClientID(0), number: 1)), (2, nil),
    (6, RequestID(client: ClientID(1), number: 2)), (7, RequestID(client: ClientID(0), number: 1)),
    (8, nil), (9, RequestID(client: ClientID(0), number: 1)),
  ]

  /// Exercise 2.2: find the request that two replicas each counted. The answer reads the story
  /// without the checker's verdict (which names the request): the deliveries and value changes
  /// must tell it.
  public static func doubleCounted(_ answer: (Trace) throws -> RequestID?) throws {
    for (seed, expected) in stories {
      var trace = Simulator<FlawedReplica>.run(Scenario.default.seeded(seed)).trace
      trace.events.removeAll {
        if case .violation = $0.kind { return true }
        return false
      }
      let got = try answer(trace)
      guard got == expected else {
        throw CheckFailure(
          "seed \(seed) (swift run workshop level3 --seed \(seed)): you found "
            + "\(got.map(\.description) ?? "none"), expected \(expected.map(\.description) ?? "none")"
        )
      }
    }
  }

  // MARK: - 2.3 The XP argument, lived (the Level 2 half)

  /// How many Level 2 runs the check makes of your variant, at most.
  public static let level2Runs = 40
  /// The wall-clock time those runs may take; past it the check stops early.
  public static let level2Budget: Duration = .seconds(30)
  /// The fewest runs that must fit in the budget for the check to pass.
  public static let level2MinimumRuns = 10

  /// Exercise 2.3, the Level 2 half: your variant runs the default scenario (seeds 0, 1, 2, ...)
  /// up to `level2Runs` times within `level2Budget`; no run may break a property, and clients
  /// must get most of their increments acknowledged (a replica that never answers breaks
  /// nothing, and fixes nothing).
  ///
  /// With the unchanged copy, which breaks about 3 runs in 10, 40 clean runs in a row happen
  /// with probability 0.7^40, about one in a million.
  /// - Returns: what ran, for `verify` to show.
  public static func level2Fix<Handlers: ReplicaHandlers>(
    _ handlers: Handlers.Type, fix: () throws -> String
  ) throws -> String {
    let described = try fix().trimmingCharacters(in: .whitespacesAndNewlines)
    guard !described.isEmpty else {
      throw CheckFailure("say in level2Fix() what you changed, in a few words")
    }
    let clock = ContinuousClock()
    let start = clock.now
    var (runs, issued, acknowledged) = (0, 0, 0)
    while runs < level2Runs, runs < level2MinimumRuns || clock.now - start < level2Budget {
      let seed = UInt64(runs)
      let result: Level2Run.Result
      do {
        result = try Level2Run.run(Scenario.default.seeded(seed), handlers: handlers)
      } catch {
        throw CheckFailure("run \(runs + 1) could not start: \(error)")
      }
      runs += 1
      if let violation = result.violation {
        throw CheckFailure(
          "run \(runs) of \(level2Runs) (seed \(seed)) broke it: \(violation); no replay at "
            + "Level 2, so change something and rerun")
      }
      guard result.threadsJoined else {
        throw CheckFailure(
          "run \(runs) (seed \(seed)): a replica thread did not stop in 2 s; does a handler "
            + "block for long?")
      }
      for observation in result.observations {
        switch observation {
        case .issued: issued += 1
        case .acknowledged: acknowledged += 1
        case .valueChanged, .read: continue
        }
      }
      // Checked from the third run on, so one unlucky run cannot decide it.
      guard runs < 3 || acknowledged * 10 >= issued * 8 else {
        throw CheckFailure(
          "\(runs) runs broke nothing, but only \(acknowledged) of \(issued) increments were "
            + "acknowledged; a counter that does not answer is not a fix")
      }
    }
    let seconds = Double(Int((clock.now - start) / .milliseconds(100))) / 10
    let ran = "\(runs) Level 2 runs (seeds 0-\(runs - 1)) in \(seconds) s, none broke"
    // The Level 3 half: `level2FixBothHalves` (Checks+Level3.swift).
    return "\"\(described)\": \(ran)"
  }
}
