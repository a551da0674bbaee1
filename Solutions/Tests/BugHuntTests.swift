import CounterSpec
import ExerciseKit
import Exercises
import Level3Pure
import Testing

// Exercises 3.4-3.6, our regression tests: each pinned story fails its mystery and passes the
// fixed replica, every time, in any process.

@Suite struct BugHuntTests {
  @Test func mysteryAStoryStillFails() throws {
    let report = try BugHunt.mysteryA()
    #expect(report.shrunk.replay(MysteryA.self, settling: true).violation?.property == .convergence)
    #expect(report.shrunk.replay(FixedReplica.self, settling: true).violation == nil)
  }

  @Test func mysteryBStoryStillFails() throws {
    let report = try BugHunt.mysteryB()
    let broken = report.shrunk.replay(MysteryB.self).violation
    #expect(broken?.property == .noLostAcknowledgedIncrement)
    #expect(broken?.request == RequestID(client: ClientID(1), number: 2))
    #expect(report.shrunk.replay(FixedReplica.self, settling: true).violation == nil)
  }

  @Test func mysteryCStoryStillFails() throws {
    let report = try BugHunt.mysteryC()
    let broken = report.shrunk.replay(MysteryC.self).violation
    #expect(broken?.property == .noLostAcknowledgedIncrement)
    #expect(broken?.request == RequestID(client: ClientID(0), number: 2))
    #expect(report.shrunk.replay(FixedReplica.self, settling: true).violation == nil)
  }
}
