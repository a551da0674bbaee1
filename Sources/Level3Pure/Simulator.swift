import CounterSpec

/// Runs a `Cluster` of pure replicas and clients in a deterministic world: a seeded, timed
/// scheduler that decides which choice happens when.
///
/// The simulator owns everything a real system leaves to chance: time is a number it advances,
/// randomness comes from one `SeededGenerator`, and the network's faults, crashes and partitions
/// are its decisions. Events are processed by `(time, sequence)`, so one seed means one run, in
/// any process, on any machine. It never interprets an action itself: it applies choices to the
/// cluster and gives what the cluster started (messages, timers, writes) a time. It records every
/// choice it applies, so a run is also a `Schedule`.
///
/// By concern: `Simulator+Network.swift` (delays, drops, duplicates),
/// `Simulator+Faults.swift` (crashes, restarts, partitions, the end of faults),
/// `Simulator+Intake.swift` (requests that wait until their replica is ready).
public struct Simulator<R: CounterReplica> {
  /// Something scheduled to happen.
  public enum Event: Equatable, Sendable {
    /// A packet reaches its receiver (if the network has not lost it by then).
    case deliver(Packet)
    /// A timer fires, if it was not re-armed or lost in a crash since (`serial` says).
    case fire(TimerRef, serial: Int)
    /// A replica's oldest write reaches its disk, unless the replica crashed since.
    case completeWrite(ReplicaID, incarnation: Int)
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
    /// The protocol that ran (`CounterReplica.protocolName`).
    public let protocolName: String
    /// The first broken property, if any (the run stops there).
    public let violation: Violation?
    /// The story of the run; empty unless the run recorded it.
    public let trace: Trace
    /// Every choice the run applied, in order; empty unless the run recorded its trace.
    public let choices: [Choice]
    /// How many events were processed.
    public let events: Int
    /// Virtual time at the end, in microseconds.
    public let virtualTime: Int64
    /// Each replica's value at the end.
    public let finalValues: [Int]

    /// The run as a schedule: replaying it applies the same choices to the same cluster.
    public var schedule: Schedule {
      Schedule(scenario: scenario, protocolName: protocolName, choices: choices)
    }
  }

  /// How long a disk write takes. Fixed, so it draws nothing from the generator: a run without
  /// crashes makes the same random draws whatever the protocol writes.
  public static var writeLatency: Duration { .milliseconds(3) }

  /// The scenario being run (its seed changes with `run(seed:)`).
  public private(set) var scenario: Scenario
  /// Whether to record a trace and the choices (sweeps leave it off: it is most of the cost).
  public let recordsTrace: Bool

  var cluster: Cluster<R>
  /// The cluster as every run starts it (the seed plays no part in that): a reset copies it.
  let start: Cluster<R>
  var now: Int64 = 0
  var queue = EventQueue<Event>(capacity: 64)
  var random: SeededGenerator
  var trace = Trace()
  var choices: [Choice] = []
  /// The effects `take()` is scheduling (it swaps this empty buffer with the cluster's).
  var started: [Cluster<R>.Effect] = []
  var processed = 0
  /// Whether the event being handled is still first in `queue` (`schedule(_:at:)`).
  var handling = false
  var faultsOn = true
  var endTime: Int64?
  var partitioned = false
  /// Requests that arrived while their replica was not ready, in arrival order (still in the
  /// cluster's `inFlight`).
  var held: [Packet] = []
  /// Bumped at each crash: a write completion queued before it finds it changed.
  var incarnations: [Int]
  /// `serials[replica * timerKinds + kind]`: bumped each time the timer is started, so an event
  /// of an earlier start (re-armed, or before a crash) is recognised and skipped.
  var serials: [Int]
  /// The same for each client's one kind of timer.
  var clientSerials: [Int]
  /// `ReplicaTimer.allCases.count`, asked once.
  let timerKinds = ReplicaTimer.allCases.count
  /// `Simulator.writeLatency` in microseconds.
  let writeMicros = Simulator.writeLatency.microseconds
  /// The last two delays converted by `micros(_:)`, and their values in microseconds.
  var lastDelay = Duration.zero
  var lastMicros: Int64 = 0
  var otherDelay = Duration.zero
  var otherMicros: Int64 = 0

  /// Prepares a run of `scenario`.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public init(scenario: Scenario, recordsTrace: Bool) {
    self.scenario = scenario
    self.recordsTrace = recordsTrace
    random = SeededGenerator(seed: scenario.seed)
    start = Cluster(scenario: scenario, recordsTrace: recordsTrace)
    cluster = start
    incarnations = Array(repeating: 0, count: scenario.replicas)
    serials = Array(repeating: 0, count: scenario.replicas * ReplicaTimer.allCases.count)
    clientSerials = Array(repeating: 0, count: scenario.clients)
  }

  /// Runs `scenario` once and returns what happened.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public static func run(_ scenario: Scenario, recordsTrace: Bool = true) -> Outcome {
    var simulator = Simulator(scenario: scenario, recordsTrace: recordsTrace)
    return simulator.run()
  }

  /// Runs the same scenario with another seed, reusing this simulator's buffers: what a sweep
  /// over thousands of seeds does.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public mutating func run(seed: UInt64) -> Outcome {
    scenario.seed = seed
    return run()
  }

  /// Runs to the end: clients done, faults stopped, `settleMs` of quiet, or the first violation.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public mutating func run() -> Outcome {
    reset()
    take()  // the start: first timers, first requests
    if cluster.clientsFinished { stopFaults() }
    if scenario.crashRate > 0 || scenario.partitionRate > 0 {
      schedule(.chaos, at: milliseconds(scenario.gossipIntervalMs))
    }
    while !cluster.isBroken, let time = queue.nextTime, let event = queue.first {
      if let endTime, time > endTime { break }
      now = time
      processed += 1
      handling = true
      handle(event)
      if handling { queue.removeFirst() }  // it started nothing to take its place
      handling = false
      if faultsOn, cluster.clientsFinished { stopFaults() }
      // (`endTime` is set once the clients finished, and finished clients stay finished;
      // `replicasAgree` last: it is the dearest.)
      if endTime != nil, !requestsInFlight, cluster.replicasAgree {
        break
      }
    }
    if !cluster.isBroken {
      cluster.finish()
      recordEvents()  // the verdict only: what the last choice started was scheduled already
    }
    return Outcome(
      scenario: scenario, protocolName: R.protocolName, violation: cluster.violation,
      trace: trace, choices: choices, events: processed, virtualTime: now,
      finalValues: cluster.values)
  }

  /// Puts everything back to its start with the current seed, keeping allocated capacity.
  private mutating func reset() {
    now = 0
    queue.removeAll()
    random = SeededGenerator(seed: scenario.seed)
    cluster.restore(start)  // `cluster = start`, without reallocating its buffers
    if !trace.events.isEmpty { trace.events.removeAll(keepingCapacity: true) }
    if !choices.isEmpty { choices.removeAll(keepingCapacity: true) }
    processed = 0
    handling = false
    faultsOn = true
    endTime = nil
    partitioned = false
    if !held.isEmpty { held.removeAll(keepingCapacity: true) }
    for index in incarnations.indices { incarnations[index] = 0 }
    for index in serials.indices { serials[index] = 0 }
    for index in clientSerials.indices { clientSerials[index] = 0 }
  }

  private var requestsInFlight: Bool {
    for index in cluster.inFlight.indices {
      if case .request = cluster.inFlight[index] { return true }
    }
    return false
  }

  // MARK: - Events

  @inline(__always)  // its one caller, the loop, would copy the event to pass it
  private mutating func handle(_ event: Event) {
    switch event {
    case .deliver(let packet):
      // A request its replica is not ready for waits (asked only of requests: a call copies
      // the packet); a link cut since the packet left loses it on arrival.
      if case .request = packet, hold(packet) { break }
      if !deliver(packet) { apply(.drop(packet)) }
    case .fire(let timer, let serial):
      guard serial == currentSerial(timer) else { return }  // re-armed or lost since
      apply(.fire(timer))
    case .completeWrite(let id, let incarnation):
      guard incarnation == incarnations[id.index] else { return }  // lost in a crash
      apply(.completeWrite(id))
    case .chaos:
      chaos()
    case .restart(let id):
      restart(id)
    case .heal:
      heal()
    }
    if !held.isEmpty { offerHeld() }
  }

  /// Applies `choice` to the cluster, records it, and gives what it started a time.
  /// - Returns: whether it applied.
  @discardableResult
  @inline(__always)  // as `Cluster.applies`: each caller keeps only the case it names
  mutating func apply(_ choice: Choice) -> Bool {
    if recordsTrace {
      guard let used = cluster.apply(choice) else { return false }
      choices.append(used)
    } else if !cluster.applies(choice) {
      return false
    }
    if !cluster.effects.isEmpty || !cluster.events.isEmpty { take() }
    return true
  }

  /// `apply(.deliver(packet))`, without wrapping the packet in a choice when no trace is kept
  /// (most events are deliveries, and each wrapping copies the packet).
  /// - Returns: whether it applied.
  @discardableResult
  @inline(__always)  // a few lines, at most events
  mutating func deliver(_ packet: Packet) -> Bool {
    if recordsTrace { return apply(.deliver(packet)) }
    guard cluster.delivers(packet) else { return false }
    if !cluster.effects.isEmpty { take() }  // (no `events` without a trace)
    return true
  }

  /// Records the cluster's `events` at the current time and schedules its `effects`.
  private mutating func take() {
    recordEvents()
    guard !cluster.effects.isEmpty else { return }
    // Swap the cluster's buffer with `started` while scheduling (a drop or duplicate decided
    // here applies to the cluster again, and starts nothing): two buffers take turns, so
    // scheduling allocates nothing.
    swap(&started, &cluster.effects)
    // A packet dropped here leaves `inFlight`, so the packets sent after it move down one place
    // (it is found at or before the one being scheduled; a duplicate goes to the end).
    var dropped = 0
    for index in started.indices {  // by index: a `for in` would copy each effect out
      switch started[index] {
      case .sent(let position):
        if !transmit(cluster.inFlight[position - dropped]) { dropped += 1 }
      case .timerStarted(let timer, let delay):
        schedule(.fire(timer, serial: nextSerial(timer)), at: now + micros(delay))
      case .writeQueued(let id):
        schedule(.completeWrite(id, incarnation: incarnations[id.index]), at: now + writeMicros)
      }
    }
    started.clearKeepingCapacity()
  }

  /// Queues `event` at `time`. The first event that the event being handled starts takes its
  /// place in the queue (`EventQueue.replaceFirst`): one sift where a pop and a push cost two.
  mutating func schedule(_ event: Event, at time: Int64) {
    if handling {
      handling = false
      queue.replaceFirst(with: event, at: time)
    } else {
      queue.push(event, at: time)
    }
  }

  /// Records the cluster's `events` at the current time (when recording a trace).
  private mutating func recordEvents() {
    guard recordsTrace else { return }
    for kind in cluster.events { trace.append(TraceEvent(time: now, kind)) }
  }

  /// `delay` in microseconds; the last two conversions are remembered (timers are started with
  /// a few fixed delays, gossip and client timeouts in turn, and converting a `Duration` costs
  /// 128-bit arithmetic).
  private mutating func micros(_ delay: Duration) -> Int64 {
    if delay == lastDelay { return lastMicros }
    swap(&lastDelay, &otherDelay)
    swap(&lastMicros, &otherMicros)
    if delay != lastDelay {
      lastDelay = delay
      lastMicros = delay.microseconds
    }
    return lastMicros
  }

  private func slot(_ id: ReplicaID, _ timer: ReplicaTimer) -> Int {
    id.index * timerKinds + timer.kind
  }

  /// Bumps `timer`'s serial (it was started again) and returns the new one.
  private mutating func nextSerial(_ timer: TimerRef) -> Int {
    switch timer {
    case .replica(let id, let kind):
      let index = slot(id, kind)
      serials[index] += 1
      return serials[index]
    case .client(let id, _):
      clientSerials[id.index] += 1
      return clientSerials[id.index]
    }
  }

  private func currentSerial(_ timer: TimerRef) -> Int {
    switch timer {
    case .replica(let id, let kind): serials[slot(id, kind)]
    case .client(let id, _): clientSerials[id.index]
    }
  }

  func milliseconds(_ value: Int) -> Int64 { Int64(value) * 1_000 }
}
