import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

/// The liveness example under the explorer: convergence is decided on quiet states, so a delta
/// lost for good is found, by the shortest schedule there is.
@Suite struct StuckExplorerTests {
  /// With the course bounds, the shortest story is a crash: two increments counted, written and
  /// acknowledged, then the replica crashes before its gossip and comes back with nothing unsent.
  @Test func theCourseBoundsFindTheCrashStoryAtDepthSeven() throws {
    let result = Explorer<DeltaGossipReplica>.explore(.course)
    let found = try #require(result.counterexample)
    #expect(found.property == .convergence)
    #expect(found.depth == 7)
    #expect(found.settles)
    #expect(found.schedule.choices.contains(.crash(ReplicaID(0))))
    #expect(found.violation.detail == "r0 has 2, r1 has 0; r1 never learned {c0#1,c0#2}")
    let replay = found.schedule.replay(DeltaGossipReplica.self, settling: true)
    #expect(replay.violation?.property == .convergence)
  }

  /// Without crashes, the shortest story is the drop: a delta lost on its way, never resent.
  @Test func withoutCrashesTheDropStoryAtDepthEight() throws {
    var bounds = Bounds.course
    bounds.crashes = 0
    let result = Explorer<DeltaGossipReplica>.explore(bounds)
    let found = try #require(result.counterexample)
    #expect(found.property == .convergence)
    #expect(found.depth == 8)
    #expect(!found.schedule.choices.contains { if case .crash = $0 { true } else { false } })
    #expect(found.schedule.choices.contains { if case .drop(.sync) = $0 { true } else { false } })
    #expect(found.violation.detail == "r0 has 2, r1 has 1; r1 never learned c0#1")
  }

  /// Without faults nothing is lost, and the same protocol always agrees (537 states).
  @Test func withoutFaultsItAlwaysAgrees() {
    let bounds = Bounds.course.withFaults(0)
    let result = Explorer<DeltaGossipReplica>.explore(bounds)
    #expect(result.counterexample == nil, "\(result.verdict)")
    #expect(!result.isTruncated && result.quietStates > 0)
  }
}
