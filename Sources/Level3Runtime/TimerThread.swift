import Dispatch

import class Level2Messaging.DueThread
import class Level2Messaging.Mailbox

/// One thread that puts each timer's item into its owner's mailbox once the timer is due.
///
/// A pure node asks for a timer with an action (`startTimer(_:after:)`) and learns that it fired
/// from an input (`.timerFired`). This thread is the runtime's half of that contract. It is not
/// the network: a timer is the node talking to itself, so no fault can drop, duplicate or delay
/// it beyond the operating system's own lateness. (It runs on the same `DueThread` as the
/// network's wire, without the faults.)
///
/// Timers that fall due together are delivered in the order they were started. Lifecycle:
/// `start()`, `schedule` freely, then `shutdown(before:)`, which forgets every pending timer.
public final class TimerThread<Item: Sendable>: Sendable {
  // One pending timer.
  private struct Pending: Sendable {
    var item: Item
    var mailbox: Mailbox<Item>
  }

  private let thread: DueThread<Pending>

  /// Creates a stopped timer thread; `name` names the thread (for example `timers`).
  public init(name: String = "timers") {
    thread = DueThread(name: name)
  }

  /// Starts the thread. Calling it again, or after `shutdown`, does nothing.
  public func start() {
    thread.start { due in
      // A closed mailbox refuses the item: its owner has stopped, and so has the timer's point.
      for timer in due { timer.mailbox.put(timer.item) }
    }
  }

  /// Puts `item` into `mailbox` once `delay` has passed, returning at once.
  ///
  /// Ignored after `shutdown`. A timer scheduled before `start()` waits for it.
  /// - Complexity: O(*n*) for *n* pending timers (a binary search, then an insertion).
  public func schedule(_ item: Item, into mailbox: Mailbox<Item>, after delay: Duration) {
    let (seconds, attoseconds) = delay.components
    let nanoseconds =
      UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    let due = DispatchTime.now().uptimeNanoseconds + nanoseconds
    thread.insert(Pending(item: item, mailbox: mailbox), due: due)
  }

  /// Timers started and not yet delivered.
  public var pendingCount: Int { thread.count }

  /// Stops the thread and forgets every pending timer. Waits for the thread to end, but not past
  /// `deadline`.
  /// - Returns: whether the thread has ended (also `true` if it never started).
  @discardableResult
  public func shutdown(before deadline: DispatchTime) -> Bool {
    thread.shutdown(before: deadline).ended
  }
}
