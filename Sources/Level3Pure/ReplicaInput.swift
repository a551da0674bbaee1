import CounterSpec

/// Something that happened to a replica: the only way a replica's state changes.
///
/// Inputs say what happened, never what to do. A timer firing, a restart and a completed disk
/// write are inputs too: the replica cannot look at a clock or a disk, so the runtime tells it.
public enum ReplicaInput: Hashable, Sendable {
  /// This incarnation begins: the first input after a fresh start and after every restart.
  case started
  /// A client asks for one logical increment (a retry carries the same request ID).
  case requested(RequestID, from: ClientID)
  /// A peer sent what it knows.
  case synced(Tally, from: ReplicaID)
  /// A timer this replica started has fired.
  case timerFired(ReplicaTimer)
  /// The write of `tally` that this replica asked for with `.persist` has reached the disk.
  /// Writes complete in the order they were asked for.
  case persisted(Tally)
}

/// Something a replica asks its runtime to do. The runtime performs a step's actions in order.
///
/// Actions are plain values: a test can compare them, a simulator can delay or drop them, and a
/// threaded runtime can perform them.
public enum ReplicaAction: Hashable, Sendable {
  /// Send `tally` to the peer `to`, which receives `.synced(tally, from: self)`.
  case sync(Tally, to: ReplicaID)
  /// Answer a client.
  case reply(Reply, to: ClientID)
  /// Deliver `.timerFired(timer)` to this replica after `after` has passed. Starting a timer
  /// of a kind that is already pending re-arms it; a crash forgets every pending timer.
  case startTimer(ReplicaTimer, after: Duration)
  /// Start writing `tally` to the disk. The write takes time; when it is done the replica gets
  /// `.persisted(tally)`. A crash before that loses it, and a restart reads only what was done.
  case persist(Tally)
}

/// An answer from a replica to a client.
public enum Reply: Hashable, Sendable {
  /// The increment `request` is counted (perhaps from an earlier attempt).
  case incremented(RequestID)
}

/// Names a replica's timer, so the replica knows what fired.
public enum ReplicaTimer: Hashable, Sendable, CaseIterable {
  /// The periodic gossip.
  case gossip
}

// MARK: - Text forms (the same words Level 2 prints, so traces read alike)

extension ReplicaInput: CustomStringConvertible {
  /// `started`, `increment c0#1`, `sync [1,0,0] {c0#1}`, `timer gossip`,
  /// `persisted [1,0,0] {c0#1}`.
  public var description: String {
    switch self {
    case .started: "started"
    case .requested(let request, _): "increment \(request)"
    case .synced(let tally, _): "sync \(tally)"
    case .timerFired(let timer): "timer \(timer)"
    case .persisted(let tally): "persisted \(tally)"
    }
  }
}

extension ReplicaAction: CustomStringConvertible {
  /// `sync [1,0,0] {c0#1} to r1`, `ack c0#1 to c0`, `start gossip (30ms)`, `persist [1,0,0] {c0#1}`.
  public var description: String {
    switch self {
    case .sync(let tally, let peer): "sync \(tally) to \(peer)"
    case .reply(let reply, let client): "\(reply) to \(client)"
    case .startTimer(let timer, let delay): "start \(timer) (\(delay.microseconds / 1_000)ms)"
    case .persist(let tally): "persist \(tally)"
    }
  }
}

extension Reply: CustomStringConvertible {
  /// `ack c0#1`.
  public var description: String {
    switch self {
    case .incremented(let request): "ack \(request)"
    }
  }
}

extension ReplicaTimer {
  /// Which slot the timer takes: a node has at most one pending timer of each kind.
  public var kind: Int {
    switch self {
    case .gossip: 0
    }
  }

  /// The timer of slot `kind` (a packed cluster stores timers by kind).
  init(kind: Int) {
    switch kind {
    case 0: self = .gossip
    default: preconditionFailure("no replica timer of kind \(kind)")
    }
  }
}

extension ReplicaTimer: CustomStringConvertible {
  /// `gossip`.
  public var description: String {
    switch self {
    case .gossip: "gossip"
    }
  }
}
