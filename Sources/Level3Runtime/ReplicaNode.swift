import CounterSpec
import Dispatch
import Level3Pure
import Synchronization

import struct Level2Messaging.Envelope
import protocol Level2Messaging.LiveReplica
import class Level2Messaging.Network
import class Level2Messaging.RunRecorder

/// One pure replica on its own thread: the thread feeds what arrives into `step` and performs
/// the actions that come back. Nothing more.
///
/// Every decision (count or not, what to gossip, when to gossip next, when to acknowledge) is
/// the pure replica's. This shell only moves values: an input from the mailbox into `step`, each
/// action out to the network, the timer thread or the disk, and what happened into the run's
/// recorder. A write takes `writeLatency` of real time; its completion comes back as
/// `.persisted`, as in the simulator. A client request that arrives while the replica is not
/// ready for one (`CounterReplica.isReadyForRequest`) waits in a queue of its own, oldest first,
/// and is handed to `step` as soon as a step leaves the replica ready: the replica, not the
/// mailbox, decides when it takes the next request.
final class ReplicaNode<R: CounterReplica>: LiveReplica {
  /// This replica's ID.
  let id: ReplicaID
  // Stepped only by this node's thread; the lock lets the run read it while the thread works.
  private let replica: Mutex<R>
  // The in-memory disk: what the last completed write holds.
  private let disk = Mutex<Tally?>(nil)
  // The most client requests that waited at once for the replica to be ready.
  private let peakWaiting = Mutex(0)
  private let writeLatency: Duration
  private let thread: NodeThread
  private let recorder: RunRecorder

  /// Creates the node of `replica`, registered on `network` but not yet running.
  init(
    _ replica: R, id: ReplicaID, network: Network<LivePacket>,
    timers: TimerThread<Envelope<LivePacket>>, recorder: RunRecorder, writeLatency: Duration
  ) {
    self.id = id
    self.replica = Mutex(replica)
    self.writeLatency = writeLatency
    thread = NodeThread(.replica(id), network: network, timers: timers)
    self.recorder = recorder
  }

  /// A copy of the pure replica as it is now, safe to read from any thread.
  var snapshot: R { replica.withLock { $0 } }

  /// What the in-memory disk holds: the tally of the last completed write.
  var persisted: Tally? { disk.withLock { $0 } }

  /// The most client requests that waited at once for the replica to be ready (0: it was ready
  /// for every request as it arrived).
  var mostWaiting: Int { peakWaiting.withLock { $0 } }

  /// Starts the thread, which first steps the replica with `.started`.
  func start() { thread.start { [self] in runLoop() } }

  /// Stops the node: its thread handles what is already in its mailbox, then ends.
  /// - Returns: whether the thread ended before `deadline` (also `true` if it never started).
  @discardableResult
  func stop(before deadline: DispatchTime) -> Bool { thread.stop(before: deadline) }

  // MARK: - The thread

  private func runLoop() {
    // Client requests that came while the replica was not ready, oldest first. Only this
    // thread touches it.
    var waiting: [ReplicaInput] = []
    var ready = handle(.started)
    while let packet = thread.receive() {
      // Never addressed to a replica: clients get `.forClient`.
      guard case .forReplica(let input) = packet else { continue }
      if case .requested(let request, _) = input, !ready || !waiting.isEmpty {
        waiting.append(input)
        recorder.record(.note(.replica(id), "not ready: increment \(request) waits"))
        peakWaiting.withLock { $0 = max($0, waiting.count) }
        continue
      }
      ready = handle(input)
      while ready, !waiting.isEmpty { ready = handle(waiting.removeFirst()) }
    }
  }

  /// Steps the replica with `input` and performs the actions.
  /// - Returns: whether the replica is ready for a client request now.
  @discardableResult
  private func handle(_ input: ReplicaInput) -> Bool {
    switch input {
    case .timerFired(let timer):
      recorder.record(.timer(.replica(id), name: timer.description))
    case .persisted(let tally):
      disk.withLock { $0 = tally }  // the write is done: now it is on the disk
      recorder.record(.note(.replica(id), "persisted \(tally)"))
    case .started, .requested, .synced:
      break
    }
    let (actions, before, after, ready) = replica.withLock { replica in
      let before = replica.value
      let actions = replica.step(input)
      return (actions, before, replica.value, replica.isReadyForRequest)
    }
    if after != before {
      // The checker wants to know which request a change was caused by, when there is one.
      var cause: RequestID?
      if case .requested(let request, _) = input { cause = request }
      recorder.observe(.valueChanged(id, to: after, cause: cause), event: .value(id, after))
    }
    perform(actions)
    return ready
  }

  // MARK: - Interpreting actions

  /// Performs `actions` in the order given.
  private func perform(_ actions: [ReplicaAction]) {
    for action in actions {
      switch action {
      case .sync(let tally, let peer):
        thread.send(.forReplica(.synced(tally, from: id)), to: .replica(peer))
      case .reply(let reply, let client):
        thread.send(.forClient(.replied(reply, from: id)), to: .client(client))
      case .startTimer(let timer, let delay):
        thread.ring(.forReplica(.timerFired(timer)), after: delay)
      case .persist(let tally):
        // The disk answers with a message.
        thread.ring(.forReplica(.persisted(tally)), after: writeLatency)
      }
    }
  }
}
