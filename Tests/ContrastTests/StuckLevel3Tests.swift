import CounterSpec
import Foundation
import Level3Pure
import Testing

/// "Sometimes it gets stuck", replayed at Level 3: the delta-gossip protocol (`--protocol stuck`)
/// under one seed tells the same story every time, in this process and in another. (At Level 2,
/// one seed sometimes gets stuck and sometimes agrees.)
@Suite struct StuckLevel3Tests {
  /// The first seed `workshop level3 sweep --protocol stuck` finds.
  static let stuckSeed: UInt64 = 0
  /// A seed whose run agrees: at Level 3 it agrees every time.
  static let agreeingSeed: UInt64 = 7

  /// The sweep finds the stuck seed first, and the verdict is convergence, naming the replica that
  /// disagrees and the request it never learned.
  @Test func theSweepFindsAStuckSeed() throws {
    let found = Sweep.run(DeltaGossipReplica.self, .default, seeds: 0..<100)
    let failure = try #require(found.failure, "no stuck seed in 0..<100")
    #expect(failure.scenario.seed == Self.stuckSeed)
    let violation = try #require(failure.violation)
    #expect(violation.property == .convergence, "seed \(Self.stuckSeed): \(violation)")
    #expect(
      violation.description
        == "convergence broken on r1 at step 29 (c0#2): r0 has 6, r1 has 5; r1 never learned c0#2")
  }

  /// Ten runs of each seed: one fingerprint and one verdict per seed, every time. The stuck seed
  /// is stuck in all ten, the agreeing seed agrees in all ten.
  @Test(arguments: [stuckSeed, agreeingSeed])
  func sameSeedSameStoryEveryTime(seed: UInt64) {
    let scenario = Scenario.default.seeded(seed)
    let first = Simulator<DeltaGossipReplica>.run(scenario)
    for _ in 0..<10 {
      let again = Simulator<DeltaGossipReplica>.run(scenario)
      #expect(again.trace.fingerprint == first.trace.fingerprint, "seed \(seed)")
      #expect(again.trace.text == first.trace.text, "seed \(seed)")
      #expect(again.violation == first.violation, "seed \(seed)")
    }
    if seed == Self.stuckSeed {
      #expect(first.violation?.property == .convergence, "seed \(seed)")
      #expect(first.finalValues == [6, 5, 6], "seed \(seed)")
    } else {
      #expect(first.violation == nil, "seed \(seed): \(first.violation?.description ?? "")")
      #expect(first.finalValues == [6, 6, 6], "seed \(seed)")
    }
  }

  /// Two child processes, each with its own hash seed, print the same bytes for the stuck seed,
  /// and the last line names convergence.
  @Test(.timeLimit(.minutes(1)), .enabled(if: ReplayProcessTests.workshop != nil))
  func theStuckSeedPrintsTheSameBytesInTwoProcesses() throws {
    let arguments = ["level3", "--protocol", "stuck", "--seed", "\(Self.stuckSeed)"]
    let first = try ReplayProcessTests.output(arguments)
    let second = try ReplayProcessTests.output(arguments)
    #expect(first.status == 0 && second.status == 0)
    #expect(first.bytes == second.bytes, "seed \(Self.stuckSeed)")
    let text = String(decoding: first.bytes, as: UTF8.self)
    let lastLine = text.split(separator: "\n").last.map(String.init) ?? ""
    #expect(lastLine.hasPrefix("level3: seed \(Self.stuckSeed), fingerprint "), "\(lastLine)")
    #expect(lastLine.contains("convergence broken on r1"), "\(lastLine)")
    #expect(lastLine.hasSuffix("r1 never learned c0#2"), "\(lastLine)")
    // The same bytes as this process's own run: the story does not depend on the process.
    let here = Simulator<DeltaGossipReplica>.run(Scenario.default.seeded(Self.stuckSeed))
    #expect(lastLine.contains(here.trace.fingerprintHex), "\(lastLine)")
  }
}
