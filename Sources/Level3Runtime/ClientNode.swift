import CounterSpec
import Dispatch
import Level3Pure
import Synchronization

import struct Level2Messaging.Envelope
import protocol Level2Messaging.LiveClient
import class Level2Messaging.Network
import class Level2Messaging.RunRecorder

/// One pure `Client` on its own thread: the thread feeds what arrives into `step` and performs
/// the outputs that come back, until the client says it has finished.
///
/// Which replica to try, when to retry and when to give up are the pure client's decisions. This
/// shell sends, starts timers, reports `issued` and `acknowledged` to the checker, and ends the
/// thread on `.finished`.
final class ClientNode: LiveClient {
  /// This client's ID.
  let id: ClientID
  private let initial: Client
  private let thread: NodeThread
  private let recorder: RunRecorder

  /// Creates the node of `client`, registered on `network` but not yet running.
  init(
    _ client: Client, network: Network<LivePacket>, timers: TimerThread<Envelope<LivePacket>>,
    recorder: RunRecorder
  ) {
    id = client.id
    initial = client
    thread = NodeThread(.client(client.id), network: network, timers: timers)
    self.recorder = recorder
  }

  /// Starts the thread, which steps the client with `.started` and ends by itself once the client
  /// reports `.finished`.
  func start() { thread.start { [self] in runLoop() } }

  /// Waits for the client to finish, but not past `deadline`.
  /// - Returns: whether it finished (also `true` if it never started).
  @discardableResult
  func join(before deadline: DispatchTime) -> Bool { thread.join(before: deadline) }

  /// Makes the thread end at its next wait, whatever the client still had to do, then waits for
  /// it as `join` does.
  @discardableResult
  func stop(before deadline: DispatchTime) -> Bool { thread.stop(before: deadline) }

  // MARK: - The thread

  private func runLoop() {
    // Stepped by this thread only, so it lives here, not behind a lock.
    var client = initial
    var finished = perform(client.step(.started))
    while !finished, let packet = thread.receive() {
      // Never addressed to a client: nodes send `.forReplica` only to replicas.
      guard case .forClient(let input) = packet else { continue }
      let outputs = client.step(input)
      // Like the simulator, write a timer into the trace only when it still meant something.
      if case .timerFired(let timer) = input, !outputs.isEmpty {
        recorder.record(.timer(.client(id), name: timer.description))
      }
      finished = perform(outputs)
    }
    // Acks still on their way find the mailbox closed: the client has nothing left to do.
    thread.inbox.close()
  }

  // MARK: - Interpreting outputs

  /// Performs `outputs` in the order given.
  /// - Returns: whether the client reported `.finished`.
  private func perform(_ outputs: [ClientAction]) -> Bool {
    var finished = false
    for output in outputs {
      switch output {
      case .request(let request, let replica):
        thread.send(.forReplica(.requested(request, from: id)), to: .replica(replica))
      case .startTimer(let timer, let delay):
        thread.ring(.forClient(.timerFired(timer)), after: delay)
      case .issued(let request):
        recorder.observe(.issued(request), event: .note(.client(id), "issues \(request)"))
      case .acknowledged(let request):
        recorder.observe(.acknowledged(request))
      case .finished:
        finished = true
      }
    }
    return finished
  }
}
