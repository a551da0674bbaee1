import CounterSpec

/// A client of the counter, as a value: issues its increments one after another and retries each
/// on the next replica when the acknowledgement does not come in time.
///
/// Pure like `Replica`, so the simulator and the explorer can run clients inside the same
/// deterministic loop.
public struct Client: Hashable, Sendable {
  /// Something that happened to a client.
  public enum Input: Equatable, Sendable {
    /// The run begins.
    case started
    /// A replica answered.
    case replied(Reply, from: ReplicaID)
    /// A timer this client started has fired.
    case timerFired(TimerID)
  }

  /// Something a client asks its runtime to do, or reports for the checker.
  public enum Output: Equatable, Sendable {
    /// Send `message` to replica `to`.
    case send(Message, to: ReplicaID)
    /// Deliver `.timerFired(timer)` to this client after `after`.
    case startTimer(TimerID, after: Duration)
    /// A new logical increment begins (the checker's `issued`).
    case issued(RequestID)
    /// The current increment was acknowledged (the checker's `acknowledged`).
    case acknowledged(RequestID)
    /// The client has nothing more to do.
    case finished
  }

  /// This client's ID.
  public let id: ClientID
  /// How many replicas there are (retries go round them).
  public let replicas: Int
  /// How many increments to issue.
  public let increments: Int
  /// How many attempts per increment, first one included.
  public let maxAttempts: Int
  /// How long to wait for an acknowledgement.
  public let timeout: Duration
  /// The increment in progress (0 before the start).
  public private(set) var number = 0
  /// The attempt in progress for it, from zero.
  public private(set) var attempt = 0
  /// Whether the client has issued and settled all its increments.
  public private(set) var isFinished = false

  /// Creates a client that will issue `increments` increments.
  public init(
    id: ClientID, replicas: Int, increments: Int, maxAttempts: Int, timeout: Duration
  ) {
    self.id = id
    self.replicas = replicas
    self.increments = increments
    self.maxAttempts = maxAttempts
    self.timeout = timeout
  }

  /// Creates client `id` with the numbers of `scenario`.
  public init(id: ClientID, scenario: Scenario) {
    self.init(
      id: id, replicas: scenario.replicas, increments: scenario.incrementsPerClient,
      maxAttempts: scenario.maxAttempts, timeout: .milliseconds(scenario.clientTimeoutMs))
  }

  /// The request in progress.
  public var request: RequestID { RequestID(client: id, number: number) }

  /// Handles `input` and returns what the runtime must do, in order.
  public mutating func step(_ input: Input) -> [Output] {
    var outputs: [Output] = []
    step(input, into: &outputs)
    return outputs
  }

  /// Handles `input` and appends what the runtime must do to `outputs`, in order (the same
  /// transition as `step(_:)`, without an array per step).
  public mutating func step(_ input: Input, into outputs: inout [Output]) {
    switch input {
    case .started:
      nextIncrement(into: &outputs)
    case .replied(.incremented(let acked), _):
      // Late or duplicated acknowledgements of earlier requests change nothing.
      guard !isFinished, acked == request else { return }
      outputs.append(.acknowledged(acked))
      nextIncrement(into: &outputs)
    case .timerFired(.retry(let timed, let timedAttempt)):
      guard !isFinished, timed == request, timedAttempt == attempt else { return }
      attempt += 1
      if attempt < maxAttempts {
        sendAttempt(into: &outputs)
      } else {
        nextIncrement(into: &outputs)  // give up on this one
      }
    case .timerFired(.gossip):
      break
    }
  }

  private mutating func nextIncrement(into outputs: inout [Output]) {
    guard number < increments else {
      isFinished = true
      outputs.append(.finished)
      return
    }
    number += 1
    attempt = 0
    outputs.append(.issued(request))
    sendAttempt(into: &outputs)
  }

  private func sendAttempt(into outputs: inout [Output]) {
    let target = Scenario.target(of: id, attempt: attempt, replicas: replicas)
    outputs.append(.send(.incrementRequested(request, from: id), to: target))
    outputs.append(.startTimer(.retry(request, attempt: attempt), after: timeout))
  }
}
