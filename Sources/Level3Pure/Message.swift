import CounterSpec

/// Something that happened to a replica: the only way a replica's state changes.
///
/// Inputs say what happened, never what to do. A timer firing and a restart are messages too:
/// the replica cannot look at a clock or a disk, so the runtime tells it.
public enum Message: Equatable, Sendable {
  /// A client asks for one logical increment (a retry carries the same request ID).
  case incrementRequested(RequestID, from: ClientID)
  /// A peer sent what it knows.
  case synced(Tally, from: ReplicaID)
  /// A timer this replica started has fired.
  case timerFired(TimerID)
  /// The replica was restarted from its persisted state; sent once, first thing after a restart.
  case restarted
}

/// An answer from a replica to a client.
public enum Reply: Equatable, Sendable {
  /// The increment `request` is counted (perhaps from an earlier attempt).
  case incremented(RequestID)
}

/// Names a timer, so the one who started it knows what fired.
public enum TimerID: Hashable, Sendable {
  /// A replica's periodic gossip.
  case gossip
  /// A client's wait for the acknowledgement of `attempt` (from zero) of `request`.
  case retry(RequestID, attempt: Int)
}

/// Something a replica asks its runtime to do, in order.
///
/// Actions are plain values: a test can compare them, a simulator can delay or drop them, and
/// a threaded runtime can perform them. The runtime must perform them in the order given.
public enum Action: Equatable, Sendable {
  /// Send `message` to the replica `to`.
  case send(Message, to: ReplicaID)
  /// Answer a client.
  case reply(Reply, to: ClientID)
  /// Deliver `.timerFired(timer)` to this replica after `after` has passed.
  case startTimer(TimerID, after: Duration)
  /// Write `tally` to durable storage before performing the next action. A crash keeps only what
  /// was persisted.
  case persist(Tally)
}

// MARK: - Text forms (the same words Level 2 prints, so traces read alike)

extension Message: CustomStringConvertible {
  /// `increment c0#1`, `sync [1,0,0] {c0#1}`, `timer gossip`, `restarted`.
  public var description: String {
    switch self {
    case .incrementRequested(let request, _): "increment \(request)"
    case .synced(let tally, _): "sync \(tally)"
    case .timerFired(let timer): "timer \(timer)"
    case .restarted: "restarted"
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

extension TimerID: CustomStringConvertible {
  /// `gossip` or `retry c0#1/2`.
  public var description: String {
    switch self {
    case .gossip: "gossip"
    case .retry(let request, let attempt): "retry \(request)/\(attempt)"
    }
  }
}
