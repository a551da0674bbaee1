import CounterSpec

/// A client of the counter, as a value: issues its increments one after another and retries each
/// on the next replica when the acknowledgement does not come in time.
///
/// Pure like the replicas, so the simulator and the explorer run clients inside the same
/// deterministic cluster.
public struct Client: Hashable, Sendable, CustomStringConvertible {
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
  public internal(set) var number = 0
  /// The attempt in progress for it, counted from 1 (0 before the start).
  public internal(set) var attempt = 0
  /// Whether the client has issued and settled all its increments.
  public internal(set) var isFinished = false

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

  /// `c0#2 attempt 1`, `done`.
  public var description: String {
    isFinished ? "done" : number == 0 ? "not started" : "\(request) attempt \(attempt)"
  }

  /// Handles `input` and returns what the runtime must do, in order.
  public mutating func step(_ input: ClientInput) -> [ClientAction] {
    var actions: [ClientAction] = []
    step(input, into: &actions)
    return actions
  }

  /// Handles `input` and appends what the runtime must do to `actions`, in order (the same
  /// transition as `step(_:)`, without an array per step).
  public mutating func step(_ input: ClientInput, into actions: inout [ClientAction]) {
    switch input {
    case .started:
      guard number == 0, !isFinished else { return }
      nextIncrement(into: &actions)
    case .replied(.incremented(let acked), _):
      // Late or duplicated acknowledgements of earlier requests change nothing.
      guard !isFinished, number > 0, acked == request else { return }
      actions.append(.acknowledged(acked))
      nextIncrement(into: &actions)
    case .timerFired(.retry(let timed, let timedAttempt)):
      // A timer of an attempt that was since answered or retried is stale: nothing to do.
      guard !isFinished, timed == request, timedAttempt == attempt else { return }
      if attempt < maxAttempts {
        attempt += 1
        sendAttempt(into: &actions)
      } else {
        nextIncrement(into: &actions)  // give up on this one
      }
    }
  }

  private mutating func nextIncrement(into actions: inout [ClientAction]) {
    guard number < increments else {
      isFinished = true
      actions.append(.finished)
      return
    }
    number += 1
    attempt = 1
    actions.append(.issued(request))
    sendAttempt(into: &actions)
  }

  private func sendAttempt(into actions: inout [ClientAction]) {
    let target = Scenario.target(of: id, attempt: attempt - 1, replicas: replicas)
    actions.append(.request(request, to: target))
    actions.append(.startTimer(.retry(request, attempt: attempt), after: timeout))
  }
}
