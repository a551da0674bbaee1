import CounterSpec

/// A whole cluster as one value: replicas, clients, disks, writes and timers, the network, and
/// the checker. The one interpreter of the replicas' and clients' actions.
///
/// Every tool is a scheduler over it: the simulator picks choices by time and seed, a `Schedule`
/// replays a list of them, the shrinker deletes some, the explorer tries them all. Only
/// `apply(_:)` turns actions into effects (messages in flight, pending timers, writes, disks)
/// and feeds the checker, so every tool runs the same semantics:
/// - a crash loses the replica's memory, its pending timers and its writes in flight; a restart
///   reads only what reached its disk;
/// - `.persist` queues a write; `.completeWrite` puts the oldest on disk and tells the replica;
/// - timers are exactly those started with `.startTimer` (starting one again re-arms it);
/// - a cut link delivers nothing; the network may drop or duplicate any message in flight.
///
/// Two clusters are equal when everything that decides their future is equal (the network
/// compares as a multiset); the checker's history (step count, who applied what) and the record
/// of the last `apply` are not part of it.
public struct Cluster<R: CounterReplica>: Hashable {
  /// What one `apply` started, for a scheduler that gives things a time.
  public enum Effect: Equatable, Sendable {
    /// A packet went into the network.
    case sent(Packet)
    /// A timer was started (or re-armed) to fire after `after`.
    case timerStarted(TimerRef, after: Duration)
    /// A replica queued a write.
    case writeQueued(ReplicaID)
  }

  /// The replicas' configuration.
  public let config: ReplicaConfig
  /// Each replica, `nil` while it is down.
  public internal(set) var replicas: [R?]
  /// What reached each replica's disk (`nil`: nothing yet).
  public internal(set) var disks: [Tally?]
  /// Each replica's writes in flight, oldest first.
  public internal(set) var writes: [[Tally]]
  /// Each replica's pending timers, in the order they were started.
  public internal(set) var replicaTimers: [[ReplicaTimer]]
  /// The clients.
  public internal(set) var clients: [Client]
  /// Each client's pending timers, in the order they were started.
  public internal(set) var clientTimers: [[ClientTimer]]
  /// Every packet sent and not yet delivered or dropped, in sending order (a multiset).
  public internal(set) var inFlight: [Packet] = []
  /// `cut[from * replicas + to]`: the link is cut.
  public internal(set) var cut: [Bool]
  /// The specification's checker, fed by every `apply`.
  public internal(set) var checker: SpecChecker
  /// The first broken property; once set, nothing more applies.
  public internal(set) var violation: Violation?
  /// What the last `apply` (or the start) started: messages, timers, writes.
  public internal(set) var effects: [Effect] = []
  /// What the last `apply` did, as trace events, when `recordsTrace` is on.
  public internal(set) var events: [TraceEvent.Kind] = []
  /// Whether `apply` writes `events` (sweeps leave it off: building text is most of the cost).
  public var recordsTrace: Bool
  var actions: [ReplicaAction] = []
  var clientActions: [ClientAction] = []

  /// A cluster of `scenario`'s replicas and clients, every one started: first gossip timers
  /// pending, first requests in flight.
  public init(scenario: Scenario, recordsTrace: Bool = true) {
    let count = scenario.replicas
    config = ReplicaConfig(scenario)
    self.recordsTrace = recordsTrace
    replicas = scenario.replicaIDs.map { R(id: $0, config: ReplicaConfig(scenario)) }
    disks = Array(repeating: nil, count: count)
    writes = Array(repeating: [], count: count)
    replicaTimers = Array(repeating: [], count: count)
    clients = scenario.clientIDs.map { Client(id: $0, scenario: scenario) }
    clientTimers = Array(repeating: [], count: scenario.clients)
    cut = Array(repeating: false, count: count * count)
    checker = SpecChecker(replicas: count)
    for index in 0..<count { step(index, .started, cause: nil) }
    for index in clients.indices { stepClient(index, .started) }
  }

  // MARK: - Reading the state

  /// Whether replica `id` is running.
  public func isUp(_ id: ReplicaID) -> Bool { replicas[id.index] != nil }

  /// Whether every client has finished its increments.
  public var clientsFinished: Bool { clients.allSatisfy(\.isFinished) }

  /// Each replica's value; a replica that is down counts with what its disk would restore.
  public var values: [Int] { replicas.indices.map { current($0).value } }

  /// What each replica knows; a replica that is down counts with what its disk would restore.
  public var known: [RequestSet] { replicas.indices.map { current($0).known } }

  /// Replica `index` as it is, or as a restart would bring it back.
  public func current(_ index: Int) -> R {
    replicas[index] ?? R(id: ReplicaID(index), config: config, restoring: disks[index])
  }

  /// Whether the link from replica `from` to replica `to` is cut.
  public func isCut(_ from: ReplicaID, _ to: ReplicaID) -> Bool {
    cut[from.index * config.replicas + to.index]
  }

  /// Every choice that applies now, in a fixed order: deliver, drop, duplicate each distinct
  /// packet (in sending order), fire each pending timer (replicas, then clients), complete a
  /// write, crash, restart. Cutting and healing links are left to schedulers that want them.
  public var enabledChoices: [Choice] {
    var choices: [Choice] = []
    for (index, packet) in inFlight.enumerated() where !inFlight[..<index].contains(packet) {
      if !isBlocked(packet) { choices.append(.deliver(packet)) }
      choices.append(.drop(packet))
      choices.append(.duplicate(packet))
    }
    for (index, timers) in replicaTimers.enumerated() {
      for timer in timers { choices.append(.fire(.replica(ReplicaID(index), timer))) }
    }
    for (index, timers) in clientTimers.enumerated() {
      for timer in timers { choices.append(.fire(.client(ClientID(index), timer))) }
    }
    for index in writes.indices where !writes[index].isEmpty {
      choices.append(.completeWrite(ReplicaID(index)))
    }
    for index in replicas.indices where replicas[index] != nil {
      choices.append(.crash(ReplicaID(index)))
    }
    for index in replicas.indices where replicas[index] == nil {
      choices.append(.restart(ReplicaID(index)))
    }
    return choices
  }

  // MARK: - Equality: what decides the future

  public static func == (a: Cluster, b: Cluster) -> Bool {
    a.replicas == b.replicas && a.disks == b.disks && a.writes == b.writes
      && a.replicaTimers == b.replicaTimers && a.clients == b.clients
      && a.clientTimers == b.clientTimers && a.cut == b.cut
      && a.checker.issued == b.checker.issued && a.checker.acknowledged == b.checker.acknowledged
      && (a.violation == nil) == (b.violation == nil) && sameMultiset(a.inFlight, b.inFlight)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(replicas)
    hasher.combine(disks)
    hasher.combine(writes)
    hasher.combine(replicaTimers)
    hasher.combine(clients)
    hasher.combine(clientTimers)
    hasher.combine(cut)
    hasher.combine(checker.issued)
    hasher.combine(checker.acknowledged)
    // The network is a multiset: combine its packets in an order-free way.
    var sum = 0
    for packet in inFlight { sum &+= packet.hashValue }
    hasher.combine(inFlight.count)
    hasher.combine(sum)
  }

  private static func sameMultiset(_ a: [Packet], _ b: [Packet]) -> Bool {
    guard a.count == b.count else { return false }
    if a == b { return true }
    for packet in a where a.count(where: { $0 == packet }) != b.count(where: { $0 == packet }) {
      return false
    }
    return true
  }
}
