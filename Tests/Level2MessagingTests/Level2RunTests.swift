import CounterSpec
import Testing

@testable import Level2Messaging

/// Whole runs: real threads, real time. These tests never assume what one run does; they run
/// until they have seen what they look for, within a budget of runs AND of wall time.
@Suite(.timeLimit(.minutes(1)))
struct Level2RunTests {
  /// At most this many runs per search...
  static let maxRuns = 80
  /// ...and at most this much wall time.
  static let maxWallTime = Duration.seconds(40)

  /// With the network's faults off and time to spare, every run ends right. The spare time
  /// matters: on a starved machine (CI runs every suite at once on two cores) a thread can be
  /// late by more than the 4 ms between the slowest round trip (16 ms) and the client's timeout
  /// (20 ms), and a late ack is as good as a lost one. The next test shows exactly that.
  @Test func aPerfectNetworkWithTimeToSpareCountsEveryIncrementOnce() throws {
    var scenario = Scenario.faultFree
    scenario.clientTimeoutMs = 2_000
    scenario.settleMs = 5_000  // settling ends as soon as the replicas agree
    let runs = 5
    var violations = 0
    for seed in 1...UInt64(runs) {
      let result = try Level2Run.run(scenario.seeded(seed))
      if result.violation != nil { violations += 1 }
      #expect(result.violation == nil, "seed \(seed): \(result.trace.text)")
      #expect(result.finalValues == [6, 6, 6], "seed \(seed)")
      #expect(result.settled && result.clientsFinished && result.threadsJoined, "seed \(seed)")
      #expect(result.network.dropped == 0 && result.network.duplicated == 0, "seed \(seed)")
      let issued = result.observations.filter { if case .issued = $0 { true } else { false } }
      let acked = result.observations.filter { if case .acknowledged = $0 { true } else { false } }
      #expect(issued.count == 6 && acked.count == 6, "seed \(seed)")
    }
    print(
      "level2: fault-free with time to spare, violation in \(violations)/\(runs) runs "
        + "(\(percent(violations, of: runs))%)")
  }

  /// `Scenario.faultFree` exactly: replicas always converge and never lose an acknowledged
  /// increment. Double counting is possible only when a client timed out, that is, when a thread
  /// was late; on an idle machine that does not happen, on a loaded one it sometimes does.
  @Test func aPerfectNetworkDoubleCountsOnlyAfterALateAck() throws {
    let runs = 5
    var violations = 0
    for seed in 1...UInt64(runs) {
      let result = try Level2Run.run(Scenario.faultFree.seeded(seed))
      #expect(result.threadsJoined, "seed \(seed)")
      #expect(Set(result.finalValues).count == 1, "seed \(seed): \(result.finalValues)")
      guard let violation = result.violation else {
        #expect(result.finalValues == [6, 6, 6], "seed \(seed)")
        continue
      }
      violations += 1
      #expect(violation.property == .noDoubleCounting, "seed \(seed): \(violation)")
      let timedOut = result.trace.events.contains {
        if case .timer(.client, _) = $0.kind { true } else { false }
      }
      #expect(timedOut, "seed \(seed): double counted with no client timeout")
    }
    print(
      "level2: fault-free, violation in \(violations)/\(runs) runs "
        + "(\(percent(violations, of: runs))%)")
  }

  @Test func anInvalidScenarioIsRefused() {
    #expect(throws: Level2Run.InvalidScenario.self) {
      try Level2Run.run(Scenario(replicas: 0))
    }
  }

  /// The default scenario double counts in 87 of 300 runs (29%) on the 2-core reference machine,
  /// and in 26 of 100 with both cores kept busy by other processes. Even at a rate of 20% the
  /// chance that 80 runs show no double count is 0.8^80 ≈ 2e-8, far below one in a million.
  @Test func theDefaultScenarioDoubleCountsWithinABudgetOfRuns() throws {
    let clock = ContinuousClock()
    let start = clock.now
    var runs = 0
    var violating: Level2Run.Result?
    while violating == nil && runs < Self.maxRuns && clock.now - start < Self.maxWallTime {
      let result = try Level2Run.run(.default)
      runs += 1
      #expect(result.threadsJoined, "every thread of a run ends before run returns")
      if result.violation != nil { violating = result }
    }
    let violations = violating == nil ? 0 : 1
    print(
      "level2: default scenario, violation in \(violations)/\(runs) runs "
        + "(\(percent(violations, of: runs))%), stopping at the first")
    let result = try #require(violating, "no violation in \(runs) runs of the default scenario")
    let violation = try #require(result.violation)
    #expect(violation.property == .noDoubleCounting, "\(violation)")
    // The story behind it: one request counted in two replicas' own slots.
    #expect(!result.requestsCountedByTwoReplicas.isEmpty, "\(result.trace.text)")
    #expect(result.trace.violation == violation)
    #expect((result.finalValues.max() ?? 0) > Scenario.default.totalIncrements)
  }

  /// Level 2's signature: one seed, run again and again, tells different stories and reaches
  /// different verdicts. The measured violation rate is 26-29% (see above); for any rate p between
  /// 0.2 and 0.6 the chance that 80 runs miss one of the two verdicts is at most
  /// 0.8^80 + 0.6^80 ≈ 2e-8, far below one in a million. Distinct fingerprints are near certain:
  /// in 300 runs of seed 7 no two traces were equal.
  @Test func theSameSeedGivesDifferentTracesAndDifferentVerdicts() throws {
    let scenario = Scenario.default
    let clock = ContinuousClock()
    let start = clock.now
    var runs = 0
    var violations = 0
    var fingerprints: Set<UInt64> = []
    var properties: Set<String> = []
    func done() -> Bool { fingerprints.count >= 2 && violations > 0 && violations < runs }
    while !done() && runs < Self.maxRuns && clock.now - start < Self.maxWallTime {
      let result = try Level2Run.run(scenario)
      runs += 1
      fingerprints.insert(result.fingerprint)
      if let violation = result.violation {
        violations += 1
        properties.insert(violation.property.rawValue)
        #expect(!result.requestsCountedByTwoReplicas.isEmpty, "\(result.trace.text)")
      } else {
        // Clean: the replicas agree and count no more than was issued. They may count less: an
        // increment a client gave up on (every attempt or its ack lost) may or may not count.
        #expect(Set(result.finalValues).count == 1, "\(result.finalValues)")
        #expect(result.finalValues[0] <= scenario.totalIncrements, "\(result.finalValues)")
      }
    }
    print(
      "level2: seed \(scenario.seed), violation in \(violations)/\(runs) runs "
        + "(\(percent(violations, of: runs))%), \(fingerprints.count) distinct traces")
    #expect(fingerprints.count >= 2, "\(runs) runs of seed \(scenario.seed) gave one trace")
    #expect(violations > 0, "no violation in \(runs) runs of seed \(scenario.seed)")
    #expect(violations < runs, "a violation in each of \(runs) runs of seed \(scenario.seed)")
    #expect(properties.isSubset(of: [Property.noDoubleCounting.rawValue]), "\(properties)")
  }
}

/// Whole runs of the stuck protocol (delta gossip): sometimes the replicas never agree.
@Suite(.timeLimit(.minutes(1)))
struct StuckRunTests {
  /// Runs the default scenario with delta gossip until one run ends with the replicas
  /// disagreeing. Seed 7 got stuck in 35 and 45 of 100 runs (seeds 1 and 2 in 59 and 65) on the
  /// 2-core machine; even at a rate of 15% the chance that 80 runs never get stuck is
  /// 0.85^80 ≈ 2e-6.
  /// Every run, stuck or not, must keep safety: the stuck protocol never double counts.
  @Test func aStuckRunNamesTheReplicasAndTheRequestsOneNeverLearned() throws {
    let clock = ContinuousClock()
    let start = clock.now
    var runs = 0
    var stuck: Level2Run.Result?
    while stuck == nil && runs < Level2RunTests.maxRuns
      && clock.now - start < Level2RunTests.maxWallTime
    {
      let result = try Level2Run.run(.default, replicaProtocol: .stuck)
      runs += 1
      #expect(result.threadsJoined)
      #expect(result.replicaProtocol == .stuck)
      if let violation = result.violation {
        #expect(violation.property == .convergence, "run \(runs): \(violation)")
        stuck = result
      } else {
        #expect(Set(result.finalValues).count == 1, "run \(runs): \(result.finalValues)")
      }
    }
    print("level2: stuck protocol, seed 7, stuck after \(runs) runs")
    let result = try #require(stuck, "no stuck run in \(runs) runs of the stuck protocol")
    let violation = try #require(result.violation)
    let disagreement = try #require(result.disagreement)
    #expect(!result.settled)
    #expect(violation.detail == disagreement.detail)
    // The named replica lacks the named request, which some other replica counted.
    let replica = try #require(violation.replica)
    let request = try #require(violation.request)
    #expect(!disagreement.states[replica.index].known.contains(request), "\(violation)")
    #expect(disagreement.states.contains { $0.known.contains(request) }, "\(violation)")
    #expect(violation.detail.contains("\(replica) never learned"), "\(violation)")
    #expect(result.trace.violation == violation)
    // And the trace shows why: a delta carrying that request was dropped, never to be resent.
    let lost = result.trace.events.contains {
      if case .drop(.replica, .replica(replica), let message) = $0.kind {
        message.hasPrefix("sync") && message.contains("\(request)")
      } else {
        false
      }
    }
    #expect(lost, "\(result.trace.text)")
  }
}
