import Dispatch
import Synchronization

/// A thread that hands items over once they fall due: Level 2's `Network` keeps its messages in
/// flight in one, the live runtime's `TimerThread` its pending timers.
///
/// Items wait in a `DueList`. The thread sleeps until the next item is due, or until an insert
/// (or `shutdown`) wakes it, then takes out everything due and passes it, earliest first, to the
/// closure given to `start`. Items due together come out in the order they went in.
///
/// Lifecycle: `start(_:)`, `insert` freely, then `shutdown(before:)`, which forgets what still
/// waits and joins the thread with a deadline.
public final class DueThread<Element: Sendable>: Sendable {
  private struct State {
    var waiting = DueList<Element>()
    var started = false
    var stopped = false
  }

  /// The thread's name (for example `network` or `timers`).
  public let name: String
  private let state = Mutex(State())
  private let wake = DispatchSemaphore(value: 0)
  private let worker = Mutex<Worker?>(nil)

  /// Creates a stopped thread called `name`.
  public init(name: String) {
    self.name = name
  }

  /// Starts the thread, which passes each batch of items that fell due to `deliver`, outside any
  /// lock. Calling it again, or after `shutdown`, does nothing.
  public func start(_ deliver: @escaping @Sendable ([Element]) -> Void) {
    let first = state.withLock { state in
      guard !state.started, !state.stopped else { return false }
      state.started = true
      return true
    }
    guard first else { return }
    worker.withLock { $0 = Worker(name: name) { [self] in run(deliver) } }
  }

  /// Adds `element`, due at `due` (a `DispatchTime.uptimeNanoseconds`), and wakes the thread.
  ///
  /// An element inserted before `start` waits for it.
  /// - Returns: `false` after `shutdown`: the element was ignored.
  /// - Complexity: O(*n*) for *n* waiting items (a binary search, then an insertion).
  @discardableResult
  public func insert(_ element: Element, due: UInt64) -> Bool {
    let accepted = state.withLock { state in
      guard !state.stopped else { return false }
      state.waiting.insert(element, due: due)
      return true
    }
    if accepted { wake.signal() }
    return accepted
  }

  /// How many items wait to fall due.
  public var count: Int { state.withLock { $0.waiting.count } }

  /// Stops the thread and forgets every waiting item. Waits for the thread to end, but not past
  /// `deadline`.
  /// - Returns: whether the thread has ended (also `true` if it never started), and how many
  ///   items were forgotten.
  @discardableResult
  public func shutdown(before deadline: DispatchTime) -> (ended: Bool, discarded: Int) {
    let discarded = state.withLock { state in
      state.stopped = true
      defer { state.waiting.removeAll() }
      return state.waiting.count
    }
    wake.signal()
    guard let worker = worker.withLock({ $0 }) else { return (true, discarded) }
    return (worker.join(before: deadline), discarded)
  }

  // MARK: - The thread

  private func run(_ deliver: @Sendable ([Element]) -> Void) {
    while true {
      let now = DispatchTime.now().uptimeNanoseconds
      let (due, next, stopped) = state.withLock { state in
        (state.waiting.removeDue(atOrBefore: now), state.waiting.nextDue, state.stopped)
      }
      if stopped { return }
      guard due.isEmpty else {
        deliver(due)
        continue
      }
      // Sleep until the next item is due, or until an insert (or shutdown) wakes us.
      let wakeUp = next.map { DispatchTime(uptimeNanoseconds: $0) } ?? .now() + .seconds(1)
      _ = wake.wait(timeout: wakeUp)
    }
  }
}
