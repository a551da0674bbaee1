import CounterSpec
import Dispatch
import Synchronization

/// A client of the Level 2 counter: a thread that issues increments one by one and retries.
///
/// Each logical increment gets one `RequestID`, reused by every retry, which is what lets
/// replicas recognise a retry. A retry goes to the next replica (`Scenario.target(of:attempt:)`),
/// which is what a client does when it suspects the first one is down.
public final class Client: LiveClient {
  /// This client's ID.
  public let id: ClientID
  private let scenario: Scenario
  private let inbox: Mailbox<Envelope<Message>>
  private let network: Network<Message>
  private let recorder: RunRecorder
  private let target: @Sendable (ClientID, Int) -> ReplicaID
  private let worker = Mutex<Worker?>(nil)

  /// Creates client `id`, registered on `network` but not yet running; it follows `scenario`'s
  /// workload and retry policy.
  /// - Parameter target: which replica an attempt (from zero) goes to; by default
  ///   `scenario.target(of:attempt:)`.
  public init(
    id: ClientID, scenario: Scenario, network: Network<Message>, recorder: RunRecorder,
    target: (@Sendable (ClientID, Int) -> ReplicaID)? = nil
  ) {
    self.id = id
    self.scenario = scenario
    self.inbox = network.register(.client(id))
    self.network = network
    self.recorder = recorder
    self.target = target ?? { scenario.target(of: $0, attempt: $1) }
  }

  /// Starts the client's thread, which sends its first increment at `origin` and ends by itself
  /// once every increment is acknowledged or given up.
  public func start(origin: DispatchTime = .now()) {
    worker.withLock { worker in
      guard worker == nil else { return }
      worker = Worker(name: "client \(id)") { [self] in runLoop(origin: origin) }
    }
  }

  /// Waits for the client to finish its increments, but not past `deadline`.
  /// - Returns: whether it finished (also `true` if it never started).
  @discardableResult
  public func join(before deadline: DispatchTime) -> Bool {
    guard let worker = worker.withLock({ $0 }) else { return true }
    return worker.join(before: deadline)
  }

  /// Makes the client give up at once (at its next wait), then waits for its thread as `join`.
  @discardableResult
  public func stop(before deadline: DispatchTime) -> Bool {
    inbox.close()
    return join(before: deadline)
  }

  // MARK: - The thread

  private func runLoop(origin: DispatchTime) {
    // Nothing can arrive before the first send, so this only waits for the common start.
    if case .closed = inbox.take(before: origin) { return }
    let timeout = UInt64(scenario.clientTimeoutMs) * 1_000_000
    guard scenario.incrementsPerClient > 0 else { return }
    for number in 1...scenario.incrementsPerClient {
      let request = RequestID(client: id, number: number)
      recorder.observe(.issued(request))
      var acknowledged = false
      attempts: for attempt in 0..<scenario.maxAttempts {
        let target = target(id, attempt)
        network.send(.increment(request), from: .client(id), to: .replica(target))
        let deadline = DispatchTime(
          uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds + timeout)
        waiting: while true {
          switch inbox.take(before: deadline) {
          case .item(let envelope):
            // Acks of earlier requests (late, or duplicated) are stale: keep waiting.
            if case .ack(let acked) = envelope.payload, acked == request {
              acknowledged = true
              break attempts
            }
          case .timedOut:
            recorder.record(.timer(.client(id), name: "timeout \(request)"))
            break waiting
          case .closed:
            return
          }
        }
      }
      if acknowledged {
        recorder.observe(.acknowledged(request))
      } else {
        recorder.record(.note(.client(id), "gives up \(request)"))
      }
    }
  }
}
