import CounterSpec
import Testing

@testable import Level1RPC

@Suite(.timeLimit(.minutes(1))) struct ReplicationTests {
  @Test func replicasDivergeAfterALostBackupReply() throws {
    let outcome = try ReplicationDemo.run(backupFault: .replyLost, timeout: .milliseconds(250))
    #expect(
      outcome.report == CallReport(request: .increment, failures: [], result: .success(.done)))
    #expect(outcome.primaryCounted == 1)
    #expect(outcome.backupCounted == 2)
    #expect(outcome.violations.map(\.property) == [.noDoubleCounting, .convergence])
    #expect(outcome.violations.map(\.replica) == [ReplicaID(1), ReplicaID(1)])
    #expect(outcome.summary == "primary r0 counted 1, backup r1 counted 2: replicas diverged")
  }

  @Test func replicasAgreeWithoutAFault() throws {
    let outcome = try ReplicationDemo.run(backupFault: nil, timeout: .milliseconds(250))
    #expect(outcome.primaryCounted == 1)
    #expect(outcome.backupCounted == 1)
    #expect(outcome.violations == [])
  }
}
