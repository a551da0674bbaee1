import CounterSpec

/// Runs the pure replicas and clients of one scenario in a deterministic world.
///
/// The simulator owns everything a real system leaves to chance: time is a number it advances,
/// randomness comes from one `SeededGenerator`, and the network, crashes and partitions are its
/// decisions. Events are processed by `(time, sequence)`, so one seed means one run, in any
/// process, on any machine. It is a shell: it interprets actions and never decides what a replica
/// does.
public struct Simulator {
  /// Something scheduled to happen.
  public enum Event: Equatable, Sendable {
    /// A message reaches a replica.
    case deliver(Message, to: ReplicaID, from: NodeID)
    /// A reply reaches a client.
    case reply(Reply, to: ClientID, from: ReplicaID)
    /// A replica's timer fires, if the replica has not crashed since it was started.
    case replicaTimer(TimerID, ReplicaID, incarnation: Int)
    /// A client's timer fires.
    case clientTimer(TimerID, ClientID)
    /// The periodic moment when crashes and partitions may start.
    case chaos
    /// A crashed replica comes back.
    case restart(ReplicaID)
    /// A partition ends.
    case heal
  }

  /// What one run produced.
  public struct Outcome: Equatable, Sendable {
    /// The scenario that ran, seed included.
    public let scenario: Scenario
    /// The protocol design that ran.
    public let design: Replica.Design
    /// The first broken property, if any (the run stops there).
    public let violation: Violation?
    /// The story of the run; empty unless the run recorded it.
    public let trace: Trace
    /// How many events were processed.
    public let events: Int
    /// Virtual time at the end, in microseconds.
    public let virtualTime: Int64
    /// Each replica's value at the end.
    public let finalValues: [Int]
  }

  /// The scenario being run (its seed changes with `run(seed:)`).
  public private(set) var scenario: Scenario
  /// The protocol design being run.
  public let design: Replica.Design
  /// Whether to record a trace (sweeps leave it off: it is most of the cost).
  public let recordsTrace: Bool

  private var now: Int64 = 0
  private var queue = EventQueue<Event>(capacity: 64)
  /// Reused for every step, so a step allocates nothing (see `Replica.step(_:into:)`).
  private var actionBuffer: [Action] = []
  private var outputBuffer: [Client.Output] = []
  private var random: SeededGenerator
  /// Every replica's state; a crashed replica's entry is stale until its restart replaces it.
  private var replicas: [Replica]
  /// Whether each replica is running (`false` between a crash and its restart).
  private var up: [Bool]
  private var incarnations: [Int]
  private var disk: [Tally]
  private var clients: [Client]
  private var checker: SpecChecker
  private var trace = Trace()
  private var processed = 0
  private var unfinishedClients: Int
  private var faultsOn = true
  private var endTime: Int64?
  private var violation: Violation?
  /// `violation != nil`, kept as a flag: the loop asks after every event, and a flag is cheaper
  /// to read than an optional struct of strings.
  private var stopped = false
  /// `blocked[from * replicas + to]`: the link between two replicas is cut.
  private var blocked: [Bool]
  private var partitioned = false
  /// Each replica's value as of its last step: what a value change is measured against.
  private var shownValues: [Int]
  /// Whether the event being handled ran a replica's step.
  private var replicaStepped = false

  /// Prepares a run of `scenario` with replicas of `design`.
  public init(scenario: Scenario, design: Replica.Design = .perReplicaSlots, recordsTrace: Bool) {
    self.scenario = scenario
    self.design = design
    self.recordsTrace = recordsTrace
    let count = scenario.replicas
    random = SeededGenerator(seed: scenario.seed)
    replicas = scenario.replicaIDs.map {
      Replica(
        id: $0, replicas: count, design: design,
        gossipInterval: .milliseconds(scenario.gossipIntervalMs))
    }
    up = Array(repeating: true, count: count)
    shownValues = Array(repeating: 0, count: count)
    incarnations = Array(repeating: 0, count: count)
    disk = Array(repeating: Tally(replicas: count), count: count)
    clients = scenario.clientIDs.map { Client(id: $0, scenario: scenario) }
    checker = SpecChecker(replicas: count)
    unfinishedClients = scenario.clients
    blocked = Array(repeating: false, count: count * count)
  }

  /// Runs the same scenario with another seed, reusing this simulator's buffers: what a sweep
  /// over thousands of seeds does, so it spends its time on events rather than on set-up.
  public mutating func run(seed: UInt64) -> Outcome {
    reset(seed: seed)
    return run()
  }

  /// Puts every part of the world back to its start, with `seed`, keeping allocated capacity.
  private mutating func reset(seed: UInt64) {
    scenario.seed = seed
    now = 0
    queue.removeAll()
    random = SeededGenerator(seed: seed)
    for index in replicas.indices {
      replicas[index] = Replica(
        id: ReplicaID(index), replicas: scenario.replicas, design: design,
        gossipInterval: .milliseconds(scenario.gossipIntervalMs))
      up[index] = true
      shownValues[index] = 0
      incarnations[index] = 0
      disk[index] = Tally(replicas: scenario.replicas)
    }
    for index in clients.indices {
      clients[index] = Client(id: ClientID(index), scenario: scenario)
    }
    checker = SpecChecker(replicas: scenario.replicas)
    trace.events.removeAll(keepingCapacity: true)
    processed = 0
    unfinishedClients = scenario.clients
    faultsOn = true
    endTime = nil
    violation = nil
    stopped = false
    for index in blocked.indices { blocked[index] = false }
    partitioned = false
  }

  /// Runs `scenario` once and returns what happened.
  public static func run(
    _ scenario: Scenario, design: Replica.Design = .perReplicaSlots, recordsTrace: Bool = true
  ) -> Outcome {
    var simulator = Simulator(scenario: scenario, design: design, recordsTrace: recordsTrace)
    return simulator.run()
  }

  /// Runs to the end: clients done, faults stopped, `settleMs` of quiet, or the first violation.
  public mutating func run() -> Outcome {
    if processed > 0 || now > 0 { reset(seed: scenario.seed) }  // a second run starts afresh
    start()
    while !stopped, let (time, event) = queue.pop() {
      replicaStepped = false
      if let endTime, time > endTime { break }
      now = time
      processed += 1
      handle(event)
      // Only a replica's step, or the moment faults stop, can settle the run: once faults stop
      // the clients are done, so their events change nothing a replica knows.
      if endTime != nil, replicaStepped, hasSettled { break }
    }
    if !stopped {
      if let broken = checker.finish(finalValues: finalValues) { report(broken) }
    }
    return Outcome(
      scenario: scenario, design: design, violation: violation, trace: trace, events: processed,
      virtualTime: now, finalValues: finalValues)
  }

  /// After the faults stop: every replica is up and knows the same, and no client request is
  /// still on its way. Nothing left in the queue can change a replica's value.
  private var hasSettled: Bool {
    guard !up.contains(false) else { return false }
    for index in replicas.indices.dropFirst() where replicas[index].tally != replicas[0].tally {
      return false
    }
    return !queue.contains {
      if case .deliver(.incrementRequested, _, _) = $0 { return true }
      return false
    }
  }

  private var finalValues: [Int] {
    replicas.indices.map { index in
      up[index] ? replicas[index].value : restored(ReplicaID(index)).value
    }
  }

  // MARK: - Start

  private mutating func start() {
    for id in scenario.replicaIDs {
      perform(
        Replica.startActions(gossipInterval: .milliseconds(scenario.gossipIntervalMs)), of: id)
    }
    if scenario.crashRate > 0 || scenario.partitionRate > 0 {
      schedule(.chaos, at: milliseconds(scenario.gossipIntervalMs))
    }
    for index in clients.indices {
      let outputs = clients[index].step(.started)
      perform(outputs, of: clients[index].id)
    }
    if unfinishedClients == 0 { stopFaults() }
  }

  // MARK: - Events

  private mutating func schedule(_ event: Event, at time: Int64) {
    queue.push(event, at: time)
  }

  private mutating func handle(_ event: Event) {
    switch event {
    case .deliver(let message, let to, let from):
      guard up[to.index] else {
        if recordsTrace {
          record(.drop(from: from, to: .replica(to), message: "\(message)  [\(to) is down]"))
        }
        return
      }
      if recordsTrace {
        record(.deliver(from: from, to: .replica(to), message: message.description))
      }
      step(to, message)

    case .reply(let reply, let to, let from):
      if recordsTrace {
        record(.deliver(from: .replica(from), to: .client(to), message: reply.description))
      }
      stepClient(to, .replied(reply, from: from))

    case .replicaTimer(let timer, let replica, let incarnation):
      guard incarnation == incarnations[replica.index], up[replica.index] else {
        return  // started before a crash: the crash took it along
      }
      if recordsTrace { record(.timer(.replica(replica), name: timer.description)) }
      step(replica, .timerFired(timer))

    case .clientTimer(let timer, let client):
      stepClient(client, .timerFired(timer))

    case .chaos:
      chaos()

    case .restart(let replica):
      restart(replica)

    case .heal:
      heal()
    }
  }

  private mutating func step(_ id: ReplicaID, _ message: Message) {
    replicaStepped = true
    let before = shownValues[id.index]
    var actions: [Action] = []
    swap(&actions, &actionBuffer)  // borrow the buffer; a nested step would get a fresh one
    actions.removeAll(keepingCapacity: true)
    replicas[id.index].step(message, into: &actions)
    defer { swap(&actions, &actionBuffer) }
    let after = replicas[id.index].value
    if after != before {
      shownValues[id.index] = after
      if recordsTrace { record(.value(id, after)) }
      var cause: RequestID?
      if case .incrementRequested(let request, _) = message { cause = request }
      observe(.valueChanged(id, to: after, cause: cause))
    }
    perform(actions, of: id)
  }

  private mutating func stepClient(_ id: ClientID, _ input: Client.Input) {
    var outputs: [Client.Output] = []
    swap(&outputs, &outputBuffer)  // borrow the buffer; a nested step would get a fresh one
    outputs.removeAll(keepingCapacity: true)
    clients[id.index].step(input, into: &outputs)
    defer { swap(&outputs, &outputBuffer) }
    if recordsTrace, case .timerFired(let timer) = input, !outputs.isEmpty {
      record(.timer(.client(id), name: timer.description))
    }
    perform(outputs, of: id)
  }

  // MARK: - Interpreting actions

  private mutating func perform(_ actions: [Action], of id: ReplicaID) {
    for action in actions {
      switch action {
      case .send(let message, let peer):
        transmit(
          .deliver(message, to: peer, from: .replica(id)), from: .replica(id),
          to: .replica(peer), text: message.description)
      case .reply(let reply, let client):
        transmit(
          .reply(reply, to: client, from: id), from: .replica(id), to: .client(client),
          text: reply.description)
      case .startTimer(let timer, let delay):
        schedule(
          .replicaTimer(timer, id, incarnation: incarnations[id.index]),
          at: now + delay.microseconds)
      case .persist(let tally):
        disk[id.index] = tally
      }
    }
  }

  private mutating func perform(_ outputs: [Client.Output], of id: ClientID) {
    for output in outputs {
      switch output {
      case .send(let message, let replica):
        transmit(
          .deliver(message, to: replica, from: .client(id)), from: .client(id),
          to: .replica(replica), text: message.description)
      case .startTimer(let timer, let delay):
        schedule(.clientTimer(timer, id), at: now + delay.microseconds)
      case .issued(let request):
        if recordsTrace { record(.note(.client(id), "issues \(request)")) }
        observe(.issued(request))
      case .acknowledged(let request):
        observe(.acknowledged(request))
      case .finished:
        unfinishedClients -= 1
        if unfinishedClients == 0 { stopFaults() }
      }
    }
  }

  // MARK: - The network

  /// Sends one message through the faulty network. The order of random draws is fixed: drop,
  /// delay, duplicate, second delay.
  private mutating func transmit(
    _ event: Event, from: NodeID, to: NodeID, text: @autoclosure () -> String
  ) {
    if faultsOn {
      if random.chance(scenario.dropRate) {
        if recordsTrace { record(.drop(from: from, to: to, message: text())) }
        return
      }
      if isBlocked(from, to) {
        if recordsTrace { record(.drop(from: from, to: to, message: text() + "  [partition]")) }
        return
      }
    }
    schedule(event, at: now + delay())
    if faultsOn, random.chance(scenario.duplicateRate) {
      if recordsTrace { record(.duplicate(from: from, to: to, message: text())) }
      schedule(event, at: now + delay())
    }
  }

  private mutating func delay() -> Int64 {
    Int64(random.int(in: scenario.delayMs)) * 1_000
  }

  private func isBlocked(_ from: NodeID, _ to: NodeID) -> Bool {
    guard partitioned, case .replica(let a) = from, case .replica(let b) = to else { return false }
    return blocked[a.index * scenario.replicas + b.index]
  }

  // MARK: - Crashes and partitions

  private mutating func chaos() {
    guard faultsOn else { return }
    let period = scenario.gossipIntervalMs
    for index in replicas.indices where random.chance(scenario.crashRate) {
      guard up[index] else { continue }
      let id = ReplicaID(index)
      up[index] = false
      incarnations[index] += 1
      record(.crash(id))
      schedule(.restart(id), at: now + milliseconds(period * random.int(in: 1...4)))
    }
    if !partitioned, random.chance(scenario.partitionRate) {
      let isolated = random.int(in: 0...(scenario.replicas - 1))
      let oneWay = random.chance(0.5)
      let other = (isolated + random.int(in: 1...max(1, scenario.replicas - 1))) % scenario.replicas
      for peer in 0..<scenario.replicas where peer != isolated {
        if !oneWay || peer == other {
          blocked[isolated * scenario.replicas + peer] = true
          if !oneWay { blocked[peer * scenario.replicas + isolated] = true }
        }
      }
      partitioned = true
      let what = oneWay ? "r\(isolated) cannot reach r\(other)" : "r\(isolated) isolated"
      record(.note(nil, "PARTITION: \(what)"))
      schedule(.heal, at: now + milliseconds(period * random.int(in: 2...6)))
    }
    schedule(.chaos, at: now + milliseconds(period))
  }

  private mutating func restart(_ id: ReplicaID) {
    guard !up[id.index] else { return }
    up[id.index] = true
    replicas[id.index] = restored(id)
    shownValues[id.index] = replicas[id.index].value  // a restart is not a step: no value line
    record(.restart(id))
    step(id, .restarted)
  }

  private func restored(_ id: ReplicaID) -> Replica {
    Replica(
      id: id, replicas: scenario.replicas, design: design,
      gossipInterval: .milliseconds(scenario.gossipIntervalMs), restoring: disk[id.index])
  }

  private mutating func heal() {
    guard partitioned else { return }
    partitioned = false
    for index in blocked.indices { blocked[index] = false }
    record(.note(nil, "partition healed"))
  }

  /// The clients are done: the network turns perfect, crashed replicas come back, and the run
  /// goes on for `settleMs` so gossip can converge.
  private mutating func stopFaults() {
    faultsOn = false
    record(.note(nil, "clients done: faults stop; replicas have \(scenario.settleMs) ms to agree"))
    heal()
    for index in replicas.indices where !up[index] { restart(ReplicaID(index)) }
    endTime = now + milliseconds(scenario.settleMs)
    replicaStepped = true  // the replicas may already agree: look right away
  }

  // MARK: - Recording

  private mutating func observe(_ observation: Observation) {
    if let broken = checker.record(observation) { report(broken) }
  }

  private mutating func report(_ broken: Violation) {
    guard !stopped else { return }
    stopped = true
    violation = broken
    record(.violation(broken))
  }

  /// Appends to the trace when recording. Hot paths check `recordsTrace` first, so a sweep
  /// never builds the strings.
  private mutating func record(_ kind: TraceEvent.Kind) {
    if recordsTrace { trace.append(TraceEvent(time: now, kind)) }
  }

  private func milliseconds(_ value: Int) -> Int64 { Int64(value) * 1_000 }
}
