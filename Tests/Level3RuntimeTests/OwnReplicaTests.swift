import CounterSpec
import Level3Pure
import Level3Runtime
import Level4Exhaustive
import Testing

/// A replica written here, outside the course's modules: a grow-only set that also pushes each
/// new request to its peers at once (besides periodic gossip), and acknowledges once its write
/// is done. Every tool runs it by naming the type.
struct PushingReplica: CounterReplica {
  let id: ReplicaID
  let config: ReplicaConfig
  var known = RequestSet()
  var durable = RequestSet()
  var waiting: [FixedReplica.PendingAck] = []

  static var protocolName: String { "pushing" }

  init(id: ReplicaID, config: ReplicaConfig) {
    self.id = id
    self.config = config
  }

  init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    self.init(id: id, config: config)
    known = disk?.known ?? RequestSet()
    durable = known
  }

  var value: Int { known.count }
  var description: String { "\(known) on disk \(durable)" }

  var tally: Tally {
    var tally = Tally(replicas: config.replicas)
    tally.known = known
    return tally
  }

  mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    switch input {
    case .started:
      actions.append(.startTimer(.gossip, after: config.gossipInterval))
    case .requested(let request, let client):
      guard !durable.contains(request) else {
        actions.append(.reply(.incremented(request), to: client))
        return
      }
      if known.insert(request) {
        actions.append(.persist(tally))
        for peer in config.peers(of: id) { actions.append(.sync(tally, to: peer)) }  // push
      }
      waiting.append(FixedReplica.PendingAck(request: request, client: client))
    case .synced(let theirs, _):
      guard !theirs.known.isSubset(of: known) else { return }
      known.formUnion(theirs.known)
      actions.append(.persist(tally))
    case .timerFired(.gossip):
      for peer in config.peers(of: id) { actions.append(.sync(tally, to: peer)) }
      actions.append(.startTimer(.gossip, after: config.gossipInterval))
    case .persisted(let written):
      durable.formUnion(written.known)
      for pending in waiting where durable.contains(pending.request) {
        actions.append(.reply(.incremented(pending.request), to: pending.client))
      }
      waiting.removeAll { durable.contains($0.request) }
    }
  }
}

/// Also written here, with a bug: it counts every arrival of a request, retries included.
struct CountsEveryArrival: CounterReplica {
  var base: PushingReplica
  var arrivals = 0

  init(id: ReplicaID, config: ReplicaConfig) { base = PushingReplica(id: id, config: config) }
  init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = PushingReplica(id: id, config: config, restoring: disk)
  }

  var value: Int { base.value + arrivals }
  var known: RequestSet { base.known }
  var description: String { "\(base) + \(arrivals)" }

  mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    if case .requested(let request, _) = input, base.known.contains(request) { arrivals += 1 }
    base.step(input, into: &actions)
  }
}

/// One replica type, defined in a test target, through every tool.
@Suite struct OwnReplicaTests {
  static let allFaults = Scenario.default.withAllFaults()

  @Test func theSimulatorRunsIt() {
    let result = Sweep.run(PushingReplica.self, Self.allFaults, seeds: 0..<200)
    #expect(result.failure == nil, "\(String(describing: result.failure?.violation))")
    let outcome = Simulator<PushingReplica>.run(Scenario.default)
    #expect(outcome.protocolName == "pushing")
    #expect(outcome.finalValues == [6, 6, 6])
  }

  @Test func aScheduleReplaysIt() {
    let outcome = Simulator<PushingReplica>.run(Self.allFaults.seeded(3))
    let replay = outcome.schedule.replay(PushingReplica.self)
    #expect(replay.skipped == 0)
    #expect(replay.applied == outcome.choices)
    #expect(replay.finalValues == outcome.finalValues)
  }

  @Test func theShrinkerShrinksItsBuggyTwin() throws {
    let found = Sweep.run(CountsEveryArrival.self, Scenario.default, seeds: 0..<200).failure
    let failure = try #require(found)
    let violation = try #require(failure.violation)
    #expect(violation.property == .noDoubleCounting)
    let result = try #require(
      Shrinker.shrink(failure.schedule, as: CountsEveryArrival.self, keeping: .noDoubleCounting))
    #expect(result.shrunk.choices.count < failure.choices.count)
    #expect(result.outcome.violation?.property == .noDoubleCounting)
  }

  @Test func theExplorerExploresIt() {
    let bounds = Bounds(
      replicas: 2, clients: 1, increments: 1, maxAttempts: 2, maxInFlight: 3, drops: 1,
      duplicates: 1, crashes: 1, retries: 1, gossips: 1)
    let clean = Explorer<PushingReplica>.explore(bounds)
    #expect(clean.counterexample == nil && !clean.isTruncated && clean.quietStates > 0)
    let buggy = Explorer<CountsEveryArrival>.explore(bounds)
    #expect(buggy.counterexample?.property == .noDoubleCounting)
  }

  @Test(.timeLimit(.minutes(1)))
  func theLiveRuntimeRunsIt() throws {
    var scenario = Scenario.faultFree
    scenario.clientTimeoutMs = 2_000  // a perfect network on a busy machine: no retry
    scenario.settleMs = 5_000
    let result = try ThreadedRuntime.run(PushingReplica.self, scenario)
    #expect(result.protocolName == "pushing")
    #expect(result.violation == nil, "\(result.trace.text)")
    #expect(result.finalValues == [6, 6, 6])
    #expect(result.threadsJoined)
  }
}
