import CounterSpec

/// Something that happened to a client.
public enum ClientInput: Hashable, Sendable {
  /// The run begins.
  case started
  /// A replica answered.
  case replied(Reply, from: ReplicaID)
  /// A timer this client started has fired.
  case timerFired(ClientTimer)
}

/// Something a client asks its runtime to do, or reports for the checker.
public enum ClientAction: Hashable, Sendable {
  /// Send increment `request` to replica `to`, which receives `.requested(request, from:)`.
  case request(RequestID, to: ReplicaID)
  /// Deliver `.timerFired(timer)` to this client after `after`, replacing the pending timer of
  /// the same kind (so a client waits on one retry timer at a time).
  case startTimer(ClientTimer, after: Duration)
  /// A new logical increment begins (the checker's `issued`).
  case issued(RequestID)
  /// The current increment was acknowledged (the checker's `acknowledged`).
  case acknowledged(RequestID)
  /// The client has nothing more to do.
  case finished
}

/// Names a client's timer.
public enum ClientTimer: Hashable, Sendable {
  /// The wait for the acknowledgement of attempt `attempt` (counted from 1) of `request`.
  case retry(RequestID, attempt: Int)
}

extension ClientTimer {
  /// Which slot the timer takes: a node has at most one pending timer of each kind, and
  /// starting one replaces the pending one of its kind (whatever its payload).
  public var kind: Int {
    switch self {
    case .retry: 0
    }
  }
}

extension ClientTimer: CustomStringConvertible {
  /// `retry c0#1 (attempt 1)`.
  public var description: String {
    switch self {
    case .retry(let request, let attempt): "retry \(request) (attempt \(attempt))"
    }
  }
}

extension ClientInput: CustomStringConvertible {
  /// `started`, `ack c0#1`, `timer retry c0#1 (attempt 1)`.
  public var description: String {
    switch self {
    case .started: "started"
    case .replied(let reply, _): reply.description
    case .timerFired(let timer): "timer \(timer)"
    }
  }
}
