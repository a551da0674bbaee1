import CounterSpec
import Foundation
import Level2Messaging
import Testing

/// "Sometimes it gets stuck", asserted at Level 2: the delta-gossip protocol (`--protocol stuck`)
/// run again and again with one seed ends with the replicas agreeing in some runs and never
/// agreeing in others, each run with its own trace. (Level 3 replays one story every time.)
@Suite struct StuckLevel2Tests {
  /// The seed `workshop level2 --protocol stuck` uses by default.
  static let seed: UInt64 = 7

  /// Repeated runs of one seed until both a stuck and a converged run have been seen, and at
  /// least two distinct traces. A run gets stuck with probability p ≈ 0.4 (measured on the 2-core
  /// machine: `swift run workshop level2 --protocol stuck --seed 7 --runs 100` → violation in 35,
  /// then 45 runs; seeds 1 and 2 gave 59 and 65). Even if machine load moved p anywhere within
  /// 0.15...0.85, the chance that 80 runs miss either outcome is at most 0.85^80 ≈ 2e-6: about
  /// two in a million. Bounded by count and by 40 s of wall time; in practice it stops after
  /// about ten runs (1-2 s).
  @Test(.timeLimit(.minutes(1)))
  func level2StuckSameSeedSometimesNeverAgrees() throws {
    let scenario = Scenario.default.seeded(Self.seed)
    let clock = ContinuousClock()
    let started = clock.now
    var fingerprints: Set<UInt64> = []
    var stuck = 0
    var converged = 0
    var runs = 0
    while runs < 80, clock.now - started < .seconds(40) {
      let result = try Level2Run.run(scenario, replicaProtocol: .stuck)
      runs += 1
      fingerprints.insert(result.fingerprint)
      if let violation = result.violation {
        #expect(violation.property == .convergence, "seed \(Self.seed): \(violation)")
        stuck += 1
      } else {
        #expect(Set(result.finalValues).count == 1, "seed \(Self.seed): \(result.finalValues)")
        converged += 1
      }
      if fingerprints.count >= 2, stuck > 0, converged > 0, runs >= 10 { break }
    }
    print(
      "contrast: level 2 stuck protocol, seed \(Self.seed): \(runs) runs, "
        + "\(fingerprints.count) distinct traces, stuck in \(stuck) (\(100 * stuck / runs)%)")
    #expect(fingerprints.count >= 2, "seed \(Self.seed), \(runs) runs")
    #expect(stuck > 0, "seed \(Self.seed), \(runs) runs")
    #expect(converged > 0, "seed \(Self.seed), \(runs) runs")
  }

  /// The command line: `--protocol stuck` names convergence, an unknown protocol is one line and
  /// status 2, and the reentrancy experiment prints what the course text quotes.
  @Test(.timeLimit(.minutes(1)), .enabled(if: ReplayProcessTests.workshop != nil))
  func theLevel2CommandLine() throws {
    let bad = try ReplayProcessTests.output(["level2", "--protocol", "banana"])
    #expect(bad.status == 2)
    #expect(bad.bytes.isEmpty, "the error goes to standard error")
    let help = String(
      decoding: try ReplayProcessTests.output(["level2", "--help"]).bytes, as: UTF8.self)
    #expect(help.contains("flawed") && help.contains("stuck"))
    let actors = try ReplayProcessTests.output(["level2", "actors", "--trials", "5"])
    #expect(actors.status == 0)
    let lastLine = String(decoding: actors.bytes, as: UTF8.self).split(separator: "\n").last
    #expect(lastLine?.hasPrefix("counted one request twice in ") == true, "\(lastLine ?? "")")
    #expect(lastLine?.hasSuffix(" of 5 trials") == true, "\(lastLine ?? "")")
  }
}
