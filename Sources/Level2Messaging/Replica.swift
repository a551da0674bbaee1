import CounterSpec
import Dispatch
import Synchronization

/// One replica of the Level 2 counter: a thread that reacts to messages and to a gossip timer.
///
/// This is Level 2 code on purpose. Each handler decides, mutates the state, sends messages and
/// records what happened, all in one place; the gossip timer is a real deadline on the mailbox.
/// It reads naturally and it is *almost* right: see `increment(_:from:)` for the flaw. With
/// `ReplicaProtocol.stuck` it gossips deltas instead of its whole state: see `gossip()`.
public final class Replica: LiveReplica {
  /// This replica's ID.
  public let id: ReplicaID
  /// What the replica gossips: its whole state (`.flawed`) or only its news (`.stuck`).
  public let replicaProtocol: ReplicaProtocol
  private let peers: [ReplicaID]  // ascending, so gossip always goes out in the same order
  private let gossipIntervalNanoseconds: UInt64
  private let state: Mutex<ReplicaState>
  // Delta gossip only: requests this replica counted itself since its last gossip. Locked inside
  // `state`'s lock, never the other way round.
  private let unsent = Mutex(RequestSet())
  private let inbox: Mailbox<Envelope<Message>>
  private let network: Network<Message>
  private let recorder: RunRecorder
  private let worker = Mutex<Worker?>(nil)

  /// Creates replica `id` of `replicas`, registered on `network` but not yet running.
  /// - Parameters:
  ///   - gossipIntervalMs: how often the replica sends its state (or its news) to every peer.
  ///   - replicaProtocol: full-state gossip (`.flawed`, the default) or delta gossip (`.stuck`).
  public init(
    id: ReplicaID, replicas: Int, gossipIntervalMs: Int, network: Network<Message>,
    recorder: RunRecorder, replicaProtocol: ReplicaProtocol = .flawed
  ) {
    self.id = id
    self.replicaProtocol = replicaProtocol
    self.peers = (0..<replicas).map(ReplicaID.init).filter { $0 != id }
    self.gossipIntervalNanoseconds = UInt64(gossipIntervalMs) * 1_000_000
    self.state = Mutex(
      ReplicaState(replicas: replicas, countsDistinctRequests: replicaProtocol == .stuck))
    self.inbox = network.register(.replica(id))
    self.network = network
    self.recorder = recorder
  }

  /// A copy of the replica's current state, safe to read from any thread.
  public var snapshot: ReplicaState { state.withLock { $0 } }

  /// Starts the replica's thread. Its gossip timer fires at `origin` plus every multiple of the
  /// interval, so replicas started with one origin gossip in step, as a cluster booted together.
  public func start(origin: DispatchTime = .now()) {
    worker.withLock { worker in
      guard worker == nil else { return }
      worker = Worker(name: "replica \(id)") { [self] in runLoop(origin: origin) }
    }
  }

  /// Stops the replica: it handles what is already in its mailbox, then its thread ends.
  /// - Returns: whether the thread ended before `deadline` (also `true` if it never started).
  @discardableResult
  public func stop(before deadline: DispatchTime) -> Bool {
    inbox.close()
    guard let worker = worker.withLock({ $0 }) else { return true }
    return worker.join(before: deadline)
  }

  // MARK: - The thread

  private func runLoop(origin: DispatchTime) {
    var nextGossip = origin.uptimeNanoseconds + gossipIntervalNanoseconds
    while true {
      // The timer first, so a busy mailbox cannot starve it.
      let now = DispatchTime.now().uptimeNanoseconds
      if !inbox.isClosed && now >= nextGossip {
        gossip()
        // Re-arm on the grid; a replica that fell behind skips the rounds it missed.
        repeat { nextGossip += gossipIntervalNanoseconds } while nextGossip <= now
        continue
      }
      switch inbox.take(before: DispatchTime(uptimeNanoseconds: nextGossip)) {
      case .item(let envelope): handle(envelope)
      case .timedOut: continue  // the gossip timer is due: handled at the top of the loop
      case .closed: return
      }
    }
  }

  private func handle(_ envelope: Envelope<Message>) {
    switch envelope.payload {
    case .increment(let request):
      guard case .client(let client) = envelope.from else { return }
      increment(request, from: client)
    case .sync(let slots, let known):
      merge(slots: slots, known: known)
    case .ack:
      return  // replicas are never sent acks
    }
  }

  // MARK: - Handlers: logic and I/O, interleaved

  /// Counts `request` unless this replica has already heard of it, and acknowledges it.
  ///
  /// THE FLAW: "heard of" only covers what reached *this* replica. A client whose ack was lost or
  /// late retries at the next replica; if the retry gets there before this replica's next gossip
  /// does, that replica does not know the request and counts it again, in its own slot. Gossip
  /// then spreads both slots, and every replica counts one logical increment twice.
  private func increment(_ request: RequestID, from client: ClientID) {
    state.withLock { state in
      if state.known.contains(request) {
        // A retry of something already counted (here, or learned by gossip): just ack again.
        network.send(.ack(request), from: .replica(id), to: .client(client))
        return
      }
      state.known.insert(request)
      state.slots[id.index] += 1
      unsent.withLock { _ = $0.insert(request) }  // news for the next delta (`.stuck` only)
      recorder.observe(
        .valueChanged(id, to: state.value, cause: request), event: .value(id, state.value))
      network.send(.ack(request), from: .replica(id), to: .client(client))
    }
  }

  /// Merges a peer's state: the larger of each slot, the union of known requests.
  private func merge(slots: [Int], known: RequestSet) {
    state.withLock { state in
      let before = state.value
      for index in state.slots.indices where index < slots.count {
        state.slots[index] = max(state.slots[index], slots[index])
      }
      state.known.formUnion(known)
      if state.value != before {
        recorder.observe(
          .valueChanged(id, to: state.value, cause: nil), event: .value(id, state.value))
      }
    }
  }

  /// Sends this replica's whole state (`.flawed`) or its news (`.stuck`) to every peer, in
  /// ascending order.
  ///
  /// THE STUCK VARIANT: "why send what my peers already have?" A delta carries the requests
  /// this replica counted itself since its last gossip (and its own slot, which the stuck
  /// variant's value does not read), and a replica that counted nothing sends nothing. Each
  /// delta is sent once: if the network drops the copy for one peer, no later gossip repeats it,
  /// and requests learned from a peer are never passed on, so that peer never learns those
  /// requests. Drops stop, the run waits, and the replicas still disagree.
  private func gossip() {
    state.withLock { state in
      recorder.record(.timer(.replica(id), name: "gossip"))
      switch replicaProtocol {
      case .flawed:
        for peer in peers {
          network.send(
            .sync(slots: state.slots, known: state.known), from: .replica(id), to: .replica(peer))
        }
      case .stuck:
        let news = unsent.withLock { unsent in
          defer { unsent = RequestSet() }
          return unsent
        }
        guard !news.isEmpty else { return }
        // Only my own slot: a zero never lowers a peer's slot, since a merge takes the maximum.
        var slots = Array(repeating: 0, count: state.slots.count)
        slots[id.index] = state.slots[id.index]
        for peer in peers {
          network.send(.sync(slots: slots, known: news), from: .replica(id), to: .replica(peer))
        }
      }
    }
  }
}
