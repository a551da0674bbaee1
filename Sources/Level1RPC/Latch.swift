import Foundation

/// A one-shot gate: threads wait until some thread opens it, with a time limit.
///
/// This is how the demo knows a scripted fault has fully happened before it reads the server's
/// count: explicit synchronisation, never a guess such as "sleep 200 ms and hope".
final class Latch: Sendable {
  private let condition = NSCondition()
  private nonisolated(unsafe) var isOpen = false  // guarded by `condition`

  /// Opens the gate and wakes every waiter. Later calls do nothing.
  func open() {
    condition.lock()
    isOpen = true
    condition.broadcast()
    condition.unlock()
  }

  /// Waits until the gate is open, at most `limit`.
  /// - Returns: whether it opened in time.
  func wait(atMost limit: Duration) -> Bool {
    let deadline = Date(timeIntervalSinceNow: limit.seconds)
    condition.lock()
    defer { condition.unlock() }
    while !isOpen {
      if !condition.wait(until: deadline) { return isOpen }
    }
    return true
  }
}

extension Latch {
  /// Whether the gate has been opened.
  var isOpened: Bool { wait(atMost: .zero) }
}
