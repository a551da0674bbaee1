import Dispatch
import Synchronization

import struct Level2Messaging.DueList
import class Level2Messaging.Mailbox
import class Level2Messaging.Worker

/// One thread that puts each timer's item into its owner's mailbox once the timer is due.
///
/// A pure node asks for a timer with an action (`startTimer(_:after:)`) and learns that it fired
/// from an input (`.timerFired`). This thread is the runtime's half of that contract. It is not
/// the network: a timer is the node talking to itself, so no fault can drop, duplicate or delay
/// it beyond the operating system's own lateness.
///
/// Timers that fall due together are delivered in the order they were started. Lifecycle:
/// `start()`, `schedule` freely, then `shutdown(before:)`, which forgets every pending timer.
public final class TimerThread<Item: Sendable>: Sendable {
  // One pending timer.
  private struct Pending {
    var item: Item
    var mailbox: Mailbox<Item>
  }

  private struct State {
    var pending = DueList<Pending>()  // due together: started first, delivered first
    var started = false
    var stopped = false
  }

  private let state = Mutex(State())
  private let wake = DispatchSemaphore(value: 0)
  private let worker = Mutex<Worker?>(nil)
  private let name: String

  /// Creates a stopped timer thread; `name` names the thread (for example `timers`).
  public init(name: String = "timers") {
    self.name = name
  }

  /// Starts the thread. Calling it again, or after `shutdown`, does nothing.
  public func start() {
    let first = state.withLock { state in
      guard !state.started, !state.stopped else { return false }
      state.started = true
      return true
    }
    guard first else { return }
    worker.withLock { $0 = Worker(name: name) { [self] in run() } }
  }

  /// Puts `item` into `mailbox` once `delay` has passed, returning at once.
  ///
  /// Ignored after `shutdown`. A timer scheduled before `start()` waits for it.
  /// - Complexity: O(*n*) for *n* pending timers (a binary search, then an insertion).
  public func schedule(_ item: Item, into mailbox: Mailbox<Item>, after delay: Duration) {
    let (seconds, attoseconds) = delay.components
    let nanoseconds =
      UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    let accepted = state.withLock { state in
      guard !state.stopped else { return false }
      let due = DispatchTime.now().uptimeNanoseconds + nanoseconds
      state.pending.insert(Pending(item: item, mailbox: mailbox), due: due)
      return true
    }
    if accepted { wake.signal() }
  }

  /// Timers started and not yet delivered.
  public var pendingCount: Int { state.withLock { $0.pending.count } }

  /// Stops the thread and forgets every pending timer. Waits for the thread to end, but not past
  /// `deadline`.
  /// - Returns: whether the thread has ended (also `true` if it never started).
  @discardableResult
  public func shutdown(before deadline: DispatchTime) -> Bool {
    state.withLock { state in
      state.stopped = true
      state.pending.removeAll()
    }
    wake.signal()
    guard let worker = worker.withLock({ $0 }) else { return true }
    return worker.join(before: deadline)
  }

  // MARK: - The thread

  private func run() {
    while true {
      let now = DispatchTime.now().uptimeNanoseconds
      let (due, next, stopped) = state.withLock { state in
        (state.pending.removeDue(atOrBefore: now), state.pending.nextDue, state.stopped)
      }
      if stopped { return }
      // A closed mailbox refuses the item: its owner has stopped, and so has the timer's point.
      for timer in due { timer.mailbox.put(timer.item) }
      guard due.isEmpty else { continue }
      // Sleep until the next timer is due, or until a new timer (or shutdown) wakes us.
      let wakeUp = next.map { DispatchTime(uptimeNanoseconds: $0) } ?? .now() + .seconds(1)
      _ = wake.wait(timeout: wakeUp)
    }
  }
}
