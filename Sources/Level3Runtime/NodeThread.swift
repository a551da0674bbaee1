import CounterSpec
import Dispatch
import Synchronization

import struct Level2Messaging.Envelope
import class Level2Messaging.Mailbox
import class Level2Messaging.Network
import class Level2Messaging.Worker

/// The thread of one node (a replica or a client) and what it is wired to: the mailbox it reads,
/// the network it sends on, and the timer thread that rings it back. Started once, stopped by
/// closing the mailbox, joined with a deadline.
///
/// `ReplicaNode` and `ClientNode` differ only in how they step their pure value and what they
/// record; receiving, sending and timers are this one piece.
final class NodeThread: Sendable {
  /// The node this thread runs.
  let node: NodeID
  /// What the node's thread reads.
  let inbox: Mailbox<Envelope<LivePacket>>
  private let network: Network<LivePacket>
  private let timers: TimerThread<Envelope<LivePacket>>
  private let worker = Mutex<Worker?>(nil)

  /// The thread of `node`, its mailbox registered on `network`, not yet started.
  init(_ node: NodeID, network: Network<LivePacket>, timers: TimerThread<Envelope<LivePacket>>) {
    self.node = node
    self.inbox = network.register(node)
    self.network = network
    self.timers = timers
  }

  /// Starts the thread on `body`; a second call does nothing.
  func start(_ body: @escaping @Sendable () -> Void) {
    let name =
      switch node {
      case .replica(let id): "replica \(id)"
      case .client(let id): "client \(id)"
      }
    worker.withLock { worker in
      guard worker == nil else { return }
      worker = Worker(name: name, body)
    }
  }

  /// Waits for the thread to end, but not past `deadline`.
  /// - Returns: whether it ended (also `true` if it never started).
  func join(before deadline: DispatchTime) -> Bool {
    guard let worker = worker.withLock({ $0 }) else { return true }
    return worker.join(before: deadline)
  }

  /// Closes the mailbox, so the thread ends at its next wait, then waits for it as `join` does.
  func stop(before deadline: DispatchTime) -> Bool {
    inbox.close()
    return join(before: deadline)
  }

  // MARK: - For the node's thread

  /// Waits for the next packet in the mailbox.
  /// - Returns: the packet, or `nil` once the mailbox is closed and empty.
  func receive() -> LivePacket? {
    while true {
      switch inbox.take(before: .distantFuture) {
      case .item(let envelope): return envelope.payload
      case .timedOut: continue
      case .closed: return nil
      }
    }
  }

  /// Sends `packet` to `receiver` over the lossy network.
  func send(_ packet: LivePacket, to receiver: NodeID) {
    network.send(packet, from: node, to: receiver)
  }

  /// Puts `packet` into this node's own mailbox once `delay` has passed, through the timer
  /// thread: no network fault touches it.
  func ring(_ packet: LivePacket, after delay: Duration) {
    timers.schedule(Envelope(from: node, to: node, payload: packet), into: inbox, after: delay)
  }
}
