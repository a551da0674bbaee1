import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

@Suite struct ExplorerTests {
  /// The smallest bounds that hold the flaw: two replicas, one client, one increment, one retry,
  /// one gossip, one fault of each kind.
  static let small = Bounds(
    replicas: 2, clients: 1, increments: 1, maxAttempts: 2, maxInFlight: 3, drops: 1,
    duplicates: 1, crashes: 1, retries: 1, gossips: 1)

  // MARK: - Edge cases

  @Test func noClientsMeansOneQuietState() {
    let result = Explorer.explore(Bounds(clients: 0, drops: 0, duplicates: 0, gossips: 0))
    #expect(result.states == 1)
    #expect(result.transitions == 0)
    #expect(result.counterexample == nil)
  }

  @Test func singleReplicaCannotDoubleCount() {
    var bounds = Self.small
    bounds.replicas = 1
    let result = Explorer.explore(bounds)
    #expect(result.counterexample == nil)
    #expect(!result.isTruncated)
  }

  // MARK: - The flaw, shortest first

  @Test func flawIsFoundAtDepthFive() throws {
    let result = Explorer.explore(Self.small)
    let found = try #require(result.counterexample)
    #expect(found.property == .noDoubleCounting)
    #expect(found.depth == 5)
    let request = RequestID(client: ClientID(0), number: 1)
    var tally = Tally(replicas: 2)
    tally.known.insert(request)
    tally.bump(0)
    // The essay's story without a single fault: the retry timer fires while the ack is still
    // on its way, the retry reaches r1, and gossip from r0 adds the second count.
    #expect(
      found.schedule.choices == [
        .deliver(.request(request, to: ReplicaID(0))),
        .fireRetry(ClientID(0)),
        .deliver(.request(request, to: ReplicaID(1))),
        .fireGossip(ReplicaID(0)),
        .deliver(.sync(tally, from: ReplicaID(0), to: ReplicaID(1))),
      ])
    #expect(result.depth == 5)
  }

  @Test func counterexampleReplaysInTheScriptedSimulator() throws {
    let found = try #require(Explorer.explore(Self.small).counterexample)
    let replay = found.schedule.run()
    #expect(
      replay.violation
        == Violation(
          property: .noDoubleCounting, replica: ReplicaID(1), request: nil, step: 4,
          detail: "value 2 > 1 issued"))
    #expect(replay.skipped == 0)
    #expect(replay.applied == found.schedule.choices)
  }

  @Test func fixedProtocolIsCleanWithinTheSameBounds() {
    let result = Explorer.explore(Self.small.with(.distinctRequests))
    #expect(result.counterexample == nil)
    #expect(!result.isTruncated)
    #expect(result.states == 5_948)
    #expect(result.transitions == 22_034)
    #expect(result.depth == 12)
  }

  @Test func defaultBoundsFindTheFlawAndCleanTheFix() {
    let flawed = Explorer.explore(Bounds())
    #expect(flawed.counterexample?.depth == 5)
    let fixed = Explorer.explore(Bounds(design: .distinctRequests))
    #expect(fixed.counterexample == nil)
    #expect(fixed.states > flawed.states)
  }

  @Test func explorationIsDeterministic() {
    #expect(Explorer.explore(Self.small) == Explorer.explore(Self.small))
  }

  @Test func progressIsReported() {
    var reports: [Explorer.Progress] = []
    _ = Explorer.explore(Self.small.with(.distinctRequests), progressEvery: 500) {
      reports.append($0)
    }
    #expect(reports.count == 5_948 / 500)
    #expect(reports.map(\.states) == reports.map(\.states).sorted())
  }
}
