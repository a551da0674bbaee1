import CounterSpec

/// The simulator's scripted mode: the same replicas, clients, network and checker, with every
/// scheduling choice taken from a list instead of a seed and a clock.
///
/// It interprets actions exactly as `Simulator` does (persist, reply, send, restart from disk),
/// records the same kind of trace, and feeds the same `SpecChecker`. A choice that does not
/// apply (a packet that is not in flight, a timer that is not pending, a crash of a replica that
/// is down) is skipped and counted, so a shrinker may delete choices freely. When a gossip
/// message's exact content is not in flight, the oldest gossip on the same link stands in for
/// it: deleting an earlier choice changes what a gossip carries, not that it was sent. The
/// outcome lists the packets really used, so its `applied` choices replay exactly.
public struct ScheduledRun {
  /// What a replay produced.
  public struct Outcome: Equatable, Sendable {
    /// The first broken property, if any (the replay stops there).
    public let violation: Violation?
    /// The story of the replay, in the simulator's format (without times: a schedule has none).
    public let trace: Trace
    /// The choices that applied, in order, up to the violation: the schedule's essential part.
    public let applied: [Choice]
    /// How many choices were skipped because they did not apply.
    public let skipped: Int
    /// Each replica's value at the end (a crashed replica's value from disk).
    public let finalValues: [Int]
  }

  /// The cluster being run.
  public let scenario: Scenario
  /// The protocol design being run.
  public let design: Replica.Design

  private var replicas: [Replica]
  private var up: [Bool]
  private var disk: [Tally]
  private var clients: [Client]
  /// Whether the timer of each client's current attempt is still pending.
  private var retryPending: [Bool]
  /// The network: every message sent and not yet delivered or dropped, in sending order.
  public private(set) var inFlight: [Packet] = []
  private var checker: SpecChecker
  private var trace = Trace()
  private var violation: Violation?

  /// Starts a run: fresh replicas, and every client started (its first request in flight).
  public init(scenario: Scenario, design: Replica.Design) {
    self.scenario = scenario
    self.design = design
    replicas = scenario.replicaIDs.map {
      Replica(
        id: $0, replicas: scenario.replicas, design: design,
        gossipInterval: .milliseconds(scenario.gossipIntervalMs))
    }
    up = Array(repeating: true, count: scenario.replicas)
    disk = Array(repeating: Tally(replicas: scenario.replicas), count: scenario.replicas)
    clients = scenario.clientIDs.map { Client(id: $0, scenario: scenario) }
    retryPending = Array(repeating: false, count: scenario.clients)
    checker = SpecChecker(replicas: scenario.replicas)
    for index in clients.indices {
      let outputs = clients[index].step(.started)
      perform(outputs, of: index)
    }
  }

  /// Applies `choices` in order, stopping at the first violation, and returns the outcome.
  public mutating func play(_ choices: [Choice]) -> Outcome {
    var applied: [Choice] = []
    var skipped = 0
    for choice in choices {
      guard violation == nil else { break }
      if let used = apply(choice) { applied.append(used) } else { skipped += 1 }
    }
    return Outcome(
      violation: violation, trace: trace, applied: applied, skipped: skipped,
      finalValues: replicas.indices.map { up[$0] ? replicas[$0].value : restored($0).value })
  }

  /// Applies one choice; returns the choice as applied (with the packet really used), or `nil`,
  /// changing nothing, when it does not apply.
  @discardableResult
  public mutating func apply(_ choice: Choice) -> Choice? {
    switch choice {
    case .deliver(let wanted):
      guard let index = find(wanted) else { return nil }
      let packet = inFlight.remove(at: index)
      deliver(packet)
      return .deliver(packet)
    case .drop(let wanted):
      guard let index = find(wanted) else { return nil }
      let packet = inFlight.remove(at: index)
      record(.drop(from: packet.from, to: packet.to, message: packet.text))
      return .drop(packet)
    case .duplicate(let wanted):
      guard let index = find(wanted) else { return nil }
      let packet = inFlight[index]
      inFlight.append(packet)
      record(.duplicate(from: packet.from, to: packet.to, message: packet.text))
      return .duplicate(packet)
    case .fireRetry(let client):
      guard client.index < clients.count, retryPending[client.index] else { return nil }
      let current = clients[client.index]
      let timer = TimerID.retry(current.request, attempt: current.attempt)
      retryPending[client.index] = false
      record(.timer(.client(client), name: timer.description))
      let outputs = clients[client.index].step(.timerFired(timer))
      perform(outputs, of: client.index)
    case .fireGossip(let replica):
      guard replica.index < replicas.count, up[replica.index] else { return nil }
      record(.timer(.replica(replica), name: TimerID.gossip.description))
      step(replica.index, .timerFired(.gossip))
    case .crash(let replica):
      guard replica.index < replicas.count, up[replica.index] else { return nil }
      up[replica.index] = false
      record(.crash(replica))
    case .restart(let replica):
      guard replica.index < replicas.count, !up[replica.index] else { return nil }
      up[replica.index] = true
      replicas[replica.index] = restored(replica.index)
      record(.restart(replica))
      step(replica.index, .restarted)
    }
    return choice
  }

  /// The in-flight packet `wanted` names: itself, or for gossip the oldest on the same link.
  private func find(_ wanted: Packet) -> Int? {
    if let exact = inFlight.firstIndex(of: wanted) { return exact }
    guard case .sync(_, let from, let to) = wanted else { return nil }
    return inFlight.firstIndex {
      if case .sync(_, from, to) = $0 { return true }
      return false
    }
  }

  // MARK: - Interpreting

  private mutating func deliver(_ packet: Packet) {
    switch packet {
    case .request(let request, let to):
      guard up[to.index] else { return lostAtDownReplica(packet, to) }
      record(.deliver(from: packet.from, to: packet.to, message: packet.text))
      step(to.index, .incrementRequested(request, from: request.client))
    case .sync(let tally, let from, let to):
      guard up[to.index] else { return lostAtDownReplica(packet, to) }
      record(.deliver(from: packet.from, to: packet.to, message: packet.text))
      step(to.index, .synced(tally, from: from))
    case .ack(let request, let from):
      record(.deliver(from: packet.from, to: packet.to, message: packet.text))
      let outputs = clients[request.client.index].step(.replied(.incremented(request), from: from))
      perform(outputs, of: request.client.index)
    }
  }

  private mutating func lostAtDownReplica(_ packet: Packet, _ to: ReplicaID) {
    record(.drop(from: packet.from, to: packet.to, message: "\(packet.text)  [\(to) is down]"))
  }

  private mutating func step(_ index: Int, _ message: Message) {
    let before = replicas[index].value
    let actions = replicas[index].step(message)
    let after = replicas[index].value
    let id = ReplicaID(index)
    if after != before {
      record(.value(id, after))
      var cause: RequestID?
      if case .incrementRequested(let request, _) = message { cause = request }
      observe(.valueChanged(id, to: after, cause: cause))
    }
    for action in actions {
      switch action {
      case .send(.synced(let tally, _), let peer):
        inFlight.append(.sync(tally, from: id, to: peer))
      case .send(.incrementRequested(let request, _), let peer):
        inFlight.append(.request(request, to: peer))
      case .send(.timerFired, _), .send(.restarted, _):
        break  // a replica never sends these; the network could not carry them
      case .reply(.incremented(let request), _):
        inFlight.append(.ack(request, from: id))
      case .startTimer:
        break  // the gossip timer is pending whenever the replica is up
      case .persist(let tally):
        disk[index] = tally
      }
    }
  }

  private mutating func perform(_ outputs: [Client.Output], of index: Int) {
    if !outputs.isEmpty { retryPending[index] = false }  // the client moved on
    for output in outputs {
      switch output {
      case .send(.incrementRequested(let request, _), let replica):
        inFlight.append(.request(request, to: replica))
      case .send(.synced, _), .send(.timerFired, _), .send(.restarted, _):
        break  // a client never sends these
      case .startTimer:
        retryPending[index] = true
      case .issued(let request):
        record(.note(.client(ClientID(index)), "issues \(request)"))
        observe(.issued(request))
      case .acknowledged(let request):
        observe(.acknowledged(request))
      case .finished:
        break
      }
    }
  }

  private func restored(_ index: Int) -> Replica {
    Replica(
      id: ReplicaID(index), replicas: scenario.replicas, design: design,
      gossipInterval: .milliseconds(scenario.gossipIntervalMs), restoring: disk[index])
  }

  private mutating func observe(_ observation: Observation) {
    guard violation == nil, let broken = checker.record(observation) else { return }
    violation = broken
    record(.violation(broken))
  }

  private mutating func record(_ kind: TraceEvent.Kind) { trace.append(kind) }
}
