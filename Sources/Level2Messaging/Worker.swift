import Dispatch
import Foundation
import Synchronization

/// A named thread that can be joined with a deadline.
///
/// Foundation's `Thread` cannot be joined, and a run must never return while one of its threads
/// still runs (it would keep writing into a recorder nobody reads). A worker signals when its body
/// returns, so its owner can wait for it, but never longer than a deadline.
public final class Worker: Sendable {
  /// The name the thread gives itself (visible in debuggers and crash logs).
  public let name: String
  private let finished = DispatchSemaphore(value: 0)
  private let done = Atomic<Bool>(false)

  /// Starts a thread named `name` that runs `body` once.
  public init(name: String, _ body: @escaping @Sendable () -> Void) {
    self.name = name
    let thread = Thread {
      // On Linux a name set before `start()` is lost: the thread sets its own.
      Thread.current.name = name
      body()
      self.done.store(true, ordering: .releasing)
      self.finished.signal()
    }
    thread.start()
  }

  /// Whether the body has returned.
  public var isFinished: Bool { done.load(ordering: .acquiring) }

  /// Waits until the body has returned, or until `deadline`.
  /// - Returns: whether the thread finished in time.
  @discardableResult
  public func join(before deadline: DispatchTime) -> Bool {
    if isFinished { return true }
    guard finished.wait(timeout: deadline) == .success else { return false }
    // Leave the signal in place so a second join (or another joiner) also returns at once.
    finished.signal()
    return true
  }
}
