/// A timer a node of the cluster can have pending: at most one of each `kind`.
protocol PendingTimer {
  /// Which slot the timer takes (see `ReplicaTimer.kind`, `ClientTimer.kind`).
  var kind: Int { get }
}

extension ReplicaTimer: PendingTimer {}
extension ClientTimer: PendingTimer {}

extension Array where Element: PendingTimer {
  /// Starts `timer` among a node's pending timers: one pending timer per kind, so starting one
  /// again re-arms it. Timers stay in the order they were started, the re-armed one last.
  @inline(__always)
  mutating func arm(_ timer: Element) {
    // At most one to remove: `removeAll(where:)` would take its general path at every re-arm.
    if let pending = firstIndex(where: { $0.kind == timer.kind }) {
      // Already last (a node's only timer usually is): replaced where it stands, one write.
      if pending == count - 1 {
        self[pending] = timer
        return
      }
      remove(at: pending)
    }
    append(timer)
  }
}
