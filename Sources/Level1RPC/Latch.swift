import Foundation

/// A one-shot gate: threads wait until some thread opens it, with a time limit.
///
/// This is how the demo knows a scripted fault has fully happened before it reads the server's
/// count: explicit synchronisation, never a guess such as "sleep 200 ms and hope". The gate also
/// remembers *when* it opened, so a client's timer can start from that moment.
final class Latch: Sendable {
  private let condition = NSCondition()
  private nonisolated(unsafe) var openedAt: ContinuousClock.Instant?  // guarded by `condition`

  /// Opens the gate and wakes every waiter. Later calls do nothing.
  func open() {
    condition.lock()
    if openedAt == nil { openedAt = .now }
    condition.broadcast()
    condition.unlock()
  }

  /// Waits until the gate is open, at most `limit`.
  /// - Returns: when it opened, or `nil` if it did not open in time.
  func waitForOpening(atMost limit: Duration) -> ContinuousClock.Instant? {
    let deadline = Date(timeIntervalSinceNow: limit.seconds)
    condition.lock()
    defer { condition.unlock() }
    while openedAt == nil {
      if !condition.wait(until: deadline) { return openedAt }
    }
    return openedAt
  }

  /// Waits until the gate is open, at most `limit`.
  /// - Returns: whether it opened in time.
  func wait(atMost limit: Duration) -> Bool {
    waitForOpening(atMost: limit) != nil
  }
}

extension Latch {
  /// Whether the gate has been opened.
  var isOpened: Bool { wait(atMost: .zero) }
}
