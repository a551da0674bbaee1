import CounterSpec
import Dispatch
import Level3Pure
import Synchronization

import struct Level2Messaging.Envelope
import class Level2Messaging.Mailbox
import class Level2Messaging.Network
import class Level2Messaging.RunRecorder
import class Level2Messaging.Worker

/// One pure `Replica` on its own thread: the thread feeds what arrives into `step` and performs
/// the actions that come back. Nothing more.
///
/// Every decision (count or not, what to gossip, when to gossip next) is the pure replica's. This
/// shell only moves values: an input from the mailbox into `step`, each action out to the
/// network, the timer thread or the disk, and what happened into the run's recorder.
final class ReplicaNode: Sendable {
  /// This replica's ID.
  let id: ReplicaID
  private let gossipInterval: Duration
  // Stepped only by this node's thread; the lock lets the run read it while the thread works.
  private let replica: Mutex<Replica>
  // The in-memory disk: what the last `persist` wrote.
  private let disk: Mutex<Tally>
  private let inbox: Mailbox<Envelope<LivePacket>>
  private let network: Network<LivePacket>
  private let timers: TimerThread<Envelope<LivePacket>>
  private let recorder: RunRecorder
  private let worker = Mutex<Worker?>(nil)

  /// Creates the node of `replica`, registered on `network` but not yet running.
  init(
    _ replica: Replica, network: Network<LivePacket>, timers: TimerThread<Envelope<LivePacket>>,
    recorder: RunRecorder
  ) {
    id = replica.id
    gossipInterval = replica.gossipInterval
    self.replica = Mutex(replica)
    disk = Mutex(Tally(replicas: replica.replicas))
    inbox = network.register(.replica(replica.id))
    self.network = network
    self.timers = timers
    self.recorder = recorder
  }

  /// A copy of the pure replica as it is now, safe to read from any thread.
  var snapshot: Replica { replica.withLock { $0 } }

  /// What the in-memory disk holds: the tally of the last `persist` action.
  var persisted: Tally { disk.withLock { $0 } }

  /// Starts the thread, which first performs `Replica.startActions` (its first gossip timer).
  func start() {
    worker.withLock { worker in
      guard worker == nil else { return }
      worker = Worker(name: "replica \(id)") { [self] in runLoop() }
    }
  }

  /// Stops the node: its thread handles what is already in its mailbox, then ends.
  /// - Returns: whether the thread ended before `deadline` (also `true` if it never started).
  @discardableResult
  func stop(before deadline: DispatchTime) -> Bool {
    inbox.close()
    guard let worker = worker.withLock({ $0 }) else { return true }
    return worker.join(before: deadline)
  }

  // MARK: - The thread

  private func runLoop() {
    perform(Replica.startActions(gossipInterval: gossipInterval))
    while true {
      switch inbox.take(before: .distantFuture) {
      case .item(let envelope): handle(envelope.payload)
      case .timedOut: continue
      case .closed: return
      }
    }
  }

  private func handle(_ packet: LivePacket) {
    switch packet {
    case .forReplica(let message):
      if case .timerFired(let timer) = message {
        recorder.record(.timer(.replica(id), name: timer.description))
      }
      let (actions, before, after) = replica.withLock { replica in
        let before = replica.value
        let actions = replica.step(message)
        return (actions, before, replica.value)
      }
      if after != before {
        // The checker wants to know which request a change was caused by, when there is one.
        var cause: RequestID?
        if case .incrementRequested(let request, _) = message { cause = request }
        recorder.observe(.valueChanged(id, to: after, cause: cause), event: .value(id, after))
      }
      perform(actions)
    case .forClient:
      return  // never addressed to a replica: nodes send `.forClient` only to clients
    }
  }

  // MARK: - Interpreting actions

  /// Performs `actions` in the order given, as `Action` requires.
  private func perform(_ actions: [Action]) {
    for action in actions {
      switch action {
      case .send(let message, let peer):
        network.send(.forReplica(message), from: .replica(id), to: .replica(peer))
      case .reply(let reply, let client):
        network.send(.forClient(.replied(reply, from: id)), from: .replica(id), to: .client(client))
      case .startTimer(let timer, let delay):
        let ring = Envelope(
          from: .replica(id), to: .replica(id), payload: LivePacket.forReplica(.timerFired(timer)))
        timers.schedule(ring, into: inbox, after: delay)
      case .persist(let tally):
        disk.withLock { $0 = tally }
      }
    }
  }
}
