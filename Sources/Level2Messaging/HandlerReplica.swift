import CounterSpec
import Dispatch
import Synchronization

/// A Level 2 replica thread that runs handlers written elsewhere (`ReplicaHandlers`).
///
/// The same loop as `Replica`: messages from the mailbox and a gossip timer on a fixed grid; only
/// what each event does comes from `Handlers`.
final class HandlerReplica<Handlers: ReplicaHandlers>: RunnableReplica {
  let id: ReplicaID
  private let io: ReplicaIO
  private let handlers: Mutex<Handlers>
  private let inbox: Mailbox<Envelope<Message>>
  private let gossipIntervalNanoseconds: UInt64
  private let worker = Mutex<Worker?>(nil)

  init(
    id: ReplicaID, replicas: Int, scenarioGossipMs: Int, network: Network<Message>,
    recorder: RunRecorder
  ) {
    self.id = id
    self.io = ReplicaIO(
      id: id, peers: (0..<replicas).map(ReplicaID.init).filter { $0 != id }, network: network,
      recorder: recorder)
    self.handlers = Mutex(Handlers(id: id, replicas: replicas))
    self.inbox = network.register(.replica(id))
    let intervalMs = max(1, Handlers.gossipIntervalMs(scenarioGossipMs))
    self.gossipIntervalNanoseconds = UInt64(intervalMs) * 1_000_000
  }

  var snapshot: ReplicaState { handlers.withLock { $0.state } }

  func start(origin: DispatchTime) {
    worker.withLock { worker in
      guard worker == nil else { return }
      worker = Worker(name: "replica \(id)") { [self] in runLoop(origin: origin) }
    }
  }

  func stop(before deadline: DispatchTime) -> Bool {
    inbox.close()
    guard let worker = worker.withLock({ $0 }) else { return true }
    return worker.join(before: deadline)
  }

  private func runLoop(origin: DispatchTime) {
    var nextGossip = origin.uptimeNanoseconds + gossipIntervalNanoseconds
    while true {
      let now = DispatchTime.now().uptimeNanoseconds
      if !inbox.isClosed && now >= nextGossip {
        io.recorder.record(.timer(.replica(id), name: "gossip"))
        handlers.withLock { $0.gossip(io: io) }
        repeat { nextGossip += gossipIntervalNanoseconds } while nextGossip <= now
        continue
      }
      switch inbox.take(before: DispatchTime(uptimeNanoseconds: nextGossip)) {
      case .item(let envelope): handle(envelope)
      case .timedOut: continue
      case .closed: return
      }
    }
  }

  private func handle(_ envelope: Envelope<Message>) {
    switch (envelope.payload, envelope.from) {
    case (.increment(let request), .client(let client)):
      handlers.withLock { $0.increment(request, from: client, io: io) }
    case (.sync(let slots, let known), .replica(let peer)):
      handlers.withLock { $0.merge(slots: slots, known: known, from: peer, io: io) }
    case (.increment, .replica), (.sync, .client), (.ack, _):
      return  // not something a replica is sent
    }
  }
}

/// What a run needs of a replica, whichever code it runs.
protocol RunnableReplica: LiveReplica {
  /// A copy of the replica's state.
  var snapshot: ReplicaState { get }
  /// Starts its thread; gossip runs on the grid from `origin`.
  func start(origin: DispatchTime)
}

extension Replica: RunnableReplica {}
