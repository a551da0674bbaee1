import Dispatch
import Synchronization

/// A thread's inbox: a first-in, first-out queue its owner waits on, never past a deadline.
///
/// Level 2 programs are processes simulated as threads that react to arriving messages, in the
/// style of Erlang mailboxes; this is where those messages wait. Because every wait has a deadline,
/// a timer is just "wait until the timer is due": when `take(before:)` times out, the timer fired.
/// It is generic over the item so other runtimes (Level 3's real-time shell) can reuse it.
///
/// Any thread may `put`; one owner thread normally `take`s. `close()` ends the mailbox: later puts
/// are refused, items already queued are still handed out, then `take` reports `.closed`.
public final class Mailbox<Item: Sendable>: Sendable {
  /// What `take(before:)` found.
  public enum Received: Sendable {
    /// The oldest queued item.
    case item(Item)
    /// Nothing arrived before the deadline.
    case timedOut
    /// The mailbox is closed and empty: the owner should stop.
    case closed
  }

  private struct State {
    var items: [Item] = []
    var head = 0
    var closed = false

    var isEmpty: Bool { head == items.count }

    mutating func removeFirst() -> Item {
      let item = items[head]
      head += 1
      // Compact now and then, so a long-lived mailbox does not keep every item it ever held.
      if head > 64 && head * 2 > items.count {
        items.removeFirst(head)
        head = 0
      }
      return item
    }
  }

  private let state = Mutex(State())
  // Counts puts (and the close), so a waiting owner wakes up; extra counts only cost a recheck.
  private let signal = DispatchSemaphore(value: 0)

  /// Creates an empty, open mailbox.
  public init() {}

  /// Queues `item` for the owner.
  /// - Returns: `false` if the mailbox is closed and the item was discarded.
  @discardableResult
  public func put(_ item: Item) -> Bool {
    let accepted = state.withLock { state in
      guard !state.closed else { return false }
      state.items.append(item)
      return true
    }
    if accepted { signal.signal() }
    return accepted
  }

  /// Hands out the oldest item, waiting for one until `deadline` at the latest.
  /// - Returns: the item, `.timedOut` if none came in time, or `.closed` once the mailbox is
  ///   closed and empty.
  public func take(before deadline: DispatchTime) -> Received {
    while true {
      if let found = poll() { return found }
      if signal.wait(timeout: deadline) == .timedOut { return poll() ?? .timedOut }
    }
  }

  /// Closes the mailbox and wakes its owner. Items already queued can still be taken.
  public func close() {
    state.withLock { $0.closed = true }
    signal.signal()
  }

  /// Whether `close()` was called.
  public var isClosed: Bool { state.withLock { $0.closed } }

  /// How many items wait to be taken.
  public var count: Int { state.withLock { $0.items.count - $0.head } }

  private func poll() -> Received? {
    let found: Received? = state.withLock { state in
      if !state.isEmpty { return .item(state.removeFirst()) }
      return state.closed ? .closed : nil
    }
    // Pass the close on, so every thread waiting here learns about it, not only the first.
    if case .closed = found { signal.signal() }
    return found
  }
}

extension Mailbox.Received: Equatable where Item: Equatable {}
