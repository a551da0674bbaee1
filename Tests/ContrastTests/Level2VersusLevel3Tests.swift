import CounterSpec
import Foundation
import Level2Messaging
import Level3Pure
import Testing

/// The central demonstration, asserted: the same scenario and the same seed, run again and again,
/// at Level 2 and at Level 3.
///
/// Level 2 gives different interleavings and different verdicts from one seed; Level 3 gives one
/// story, every time, in every process. Both levels are fed the same `Scenario`.
@Suite struct Level2VersusLevel3Tests {
  /// The seed every contrast test uses: at Level 3 it is the pinned failing seed.
  static let seed: UInt64 = 1
  static let scenario = Scenario.default.seeded(seed)

  /// Level 2: repeated runs of one seed until both a violating and a clean run have been seen,
  /// and at least two distinct traces. A run breaks with probability p ≈ 0.26 (measured:
  /// `swift run workshop level2 --seed 1 --runs 100` → violation in 26 runs). Even if machine
  /// load moved p anywhere within 0.2...0.8, the chance that 80 runs miss either outcome is at
  /// most 0.8^80 ≈ 2e-8: far below one in a million. Bounded by count and by 40 s of wall time.
  @Test(.timeLimit(.minutes(1)))
  func level2SameSeedGivesDifferentStories() throws {
    let clock = ContinuousClock()
    let started = clock.now
    var fingerprints: Set<UInt64> = []
    var violating = 0
    var clean = 0
    var runs = 0
    while runs < 80, clock.now - started < .seconds(40) {
      let result = try Level2Run.run(Self.scenario)
      runs += 1
      fingerprints.insert(result.fingerprint)
      if result.violation == nil { clean += 1 } else { violating += 1 }
      if fingerprints.count >= 2, violating > 0, clean > 0, runs >= 10 { break }
    }
    print(
      "contrast: level 2, seed \(Self.seed): \(runs) runs, \(fingerprints.count) distinct traces,"
        + " violation in \(violating) (\(100 * violating / runs)%)")
    #expect(fingerprints.count >= 2, "seed \(Self.seed), \(runs) runs")
    #expect(violating > 0, "seed \(Self.seed), \(runs) runs")
    #expect(clean > 0, "seed \(Self.seed), \(runs) runs")
  }

  /// Level 3: 100 runs of the same seed give one fingerprint and the same violation every time.
  @Test func level3SameSeedGivesOneStoryAHundredTimes() throws {
    let first = Simulator<FlawedReplica>.run(Self.scenario)
    let violation = try #require(first.violation, "seed \(Self.seed) must fail at Level 3")
    var fingerprints: Set<UInt64> = []
    var violations: [Violation?] = []
    for _ in 0..<100 {
      let outcome = Simulator<FlawedReplica>.run(Self.scenario)
      fingerprints.insert(outcome.trace.fingerprint)
      violations.append(outcome.violation)
    }
    #expect(fingerprints == [first.trace.fingerprint], "seed \(Self.seed)")
    #expect(violations == Array(repeating: violation, count: 100), "seed \(Self.seed)")
    #expect(violation.property == .noDoubleCounting)
  }

  /// Both levels run the same protocol: with a perfect network and patient clients, both count
  /// every increment exactly once on every replica.
  @Test(.timeLimit(.minutes(1)))
  func bothLevelsAgreeWhenNothingGoesWrong() throws {
    var patient = Scenario.faultFree.seeded(Self.seed)
    patient.clientTimeoutMs = 2_000  // a loaded machine must not turn a slow ack into a retry
    let level2 = try Level2Run.run(patient)
    let level3 = Simulator<FlawedReplica>.run(patient)
    #expect(level2.violation == nil)
    #expect(level3.violation == nil)
    #expect(level2.finalValues == [6, 6, 6])
    #expect(level3.finalValues == [6, 6, 6])
  }

  /// Both levels print messages with the same words, so their traces can be read side by side.
  @Test(.timeLimit(.minutes(1)))
  func bothLevelsSpeakTheSameTraceLanguage() throws {
    let level2 = try Level2Run.run(Self.scenario)
    let level3 = Simulator<FlawedReplica>.run(Self.scenario)
    func words(_ trace: Trace) -> Set<String> {
      var found: Set<String> = []
      for event in trace.events {
        if case .deliver(_, _, let message) = event.kind {
          found.insert(String(message.split(separator: " ")[0]))
        }
      }
      return found
    }
    #expect(words(level2.trace).isSuperset(of: ["increment", "ack", "sync"]))
    #expect(words(level3.trace).isSuperset(of: ["increment", "ack", "sync"]))
  }
}
