import Dispatch
import Synchronization

import struct Level2Messaging.Envelope
import class Level2Messaging.Mailbox
import class Level2Messaging.Worker

/// The thread of one node (a replica or a client) and the mailbox it reads: started once,
/// stopped by closing the mailbox, joined with a deadline.
final class NodeThread: Sendable {
  /// What the node's thread reads.
  let inbox: Mailbox<Envelope<LivePacket>>
  private let name: String
  private let worker = Mutex<Worker?>(nil)

  /// A thread called `name`, not yet started, reading `inbox`.
  init(name: String, inbox: Mailbox<Envelope<LivePacket>>) {
    self.name = name
    self.inbox = inbox
  }

  /// Starts the thread on `body`; a second call does nothing.
  func start(_ body: @escaping @Sendable () -> Void) {
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
}
