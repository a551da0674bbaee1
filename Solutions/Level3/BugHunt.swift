import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercises 3.4, 3.5 and 3.6, solved: each found with `Sweep.run`, shrunk with
/// `Shrinker.shrink`, and pinned in Tests/BugHuntTests.swift too.
public enum BugHunt {
  static let c0 = ClientID(0)
  static let c1 = ClientID(1)
  static let r0 = ReplicaID(0)
  static let r1 = ReplicaID(1)
  static let r2 = ReplicaID(2)

  /// `Checks.bugHuntScenario` with other numbers.
  static func scenario(
    replicas: Int, clients: Int, increments: Int, attempts: Int = 4, crashRate: Double = 0.05,
    seed: UInt64
  ) -> Scenario {
    var scenario = Checks.bugHuntScenario.seeded(seed)
    scenario.maxAttempts = attempts
    scenario.replicas = replicas
    scenario.clients = clients
    scenario.incrementsPerClient = increments
    scenario.crashRate = crashRate
    return scenario
  }

  /// Exercise 3.4: a gossip that said nothing new is not sent, so a replica that lost what it
  /// heard (a crash before its write) never hears it again.
  public static func mysteryA() throws -> BugReport {
    let request = RequestID(client: c0, number: 1)
    let tally = Tally(slots: [0, 0, 0], known: RequestSet([request]))
    return BugReport(
      run: Checks.bugHuntScenario.seeded(83),
      shrunk: Schedule(
        scenario: scenario(replicas: 3, clients: 1, increments: 1, seed: 83),
        protocolName: MysteryA.protocolName,
        choices: [
          .deliver(.request(request, to: r0)),
          .fire(.replica(r0, .gossip)),
          .deliver(.sync(tally, from: r0, to: r2)),  // r2 queues a write...
          .deliver(.sync(tally, from: r0, to: r1)),
          .crash(r2),  // ... and loses it
          .fire(.replica(r1, .gossip)),
          .deliver(.sync(tally, from: r1, to: r2)),  // lost too: r2 is down
          // From here on r0 and r1 have nothing new to say, and say nothing: r2 never learns.
        ]))
  }

  /// Exercise 3.5: a completed write acknowledges every waiting request, including those whose
  /// own write is still in flight; a crash then loses one. Needs contention (4 clients on 2
  /// replicas) and more crashes than the default.
  public static func mysteryB() throws -> BugReport {
    let c3 = ClientID(3)
    let first = RequestID(client: c1, number: 1)
    let other = RequestID(client: c3, number: 1)
    let second = RequestID(client: c1, number: 2)
    return BugReport(
      run: scenario(replicas: 2, clients: 4, increments: 3, crashRate: 0.3, seed: 94),
      shrunk: Schedule(
        scenario: scenario(replicas: 2, clients: 4, increments: 2, crashRate: 0.3, seed: 94),
        protocolName: MysteryB.protocolName,
        choices: [
          .deliver(.request(first, to: r1)),
          .deliver(.request(other, to: r1)),  // two writes in flight at r1
          .completeWrite(r1),  // the first completes: both are acknowledged
          .deliver(.ack(first, from: r1, to: c1)),
          .deliver(.request(second, to: r1)),
          .completeWrite(r1),  // the second write (c3#1) completes: c1#2 acknowledged early
          .deliver(.ack(second, from: r1, to: c1)),
          .crash(r1),  // c1#2's own write is lost
        ]))
  }

  /// Exercise 3.6: a request whose number matches one already on disk (from another client) is
  /// taken for a retry and acknowledged without being counted.
  public static func mysteryC() throws -> BugReport {
    let c1First = RequestID(client: c1, number: 1)
    let c1Second = RequestID(client: c1, number: 2)
    let c0First = RequestID(client: c0, number: 1)
    let c0Second = RequestID(client: c0, number: 2)
    return BugReport(
      run: Checks.bugHuntScenario.seeded(1),
      shrunk: Schedule(
        scenario: scenario(replicas: 3, clients: 2, increments: 2, attempts: 2, seed: 1),
        protocolName: MysteryC.protocolName,
        choices: [
          .deliver(.request(c1First, to: r1)),
          .completeWrite(r1),
          .deliver(.ack(c1First, from: r1, to: c1)),
          .fire(.client(c0, .retry(c0First, attempt: 1))),
          .deliver(.request(c1Second, to: r1)),
          .completeWrite(r1),  // c1#2 is on r1's disk
          .fire(.client(c0, .retry(c0First, attempt: 2))),  // c0 gives c0#1 up (2 attempts)
          .fire(.client(c0, .retry(c0Second, attempt: 1))),
          .deliver(.request(c0Second, to: r1)),  // "#2 is stored": acknowledged, never counted
          .deliver(.ack(c0Second, from: r1, to: c0)),
        ]))
  }
}
