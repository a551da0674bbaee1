/// Replication the Level 1 way: apply locally, then forward the call to each backup by RPC.
///
/// It looks reasonable: every increment reaches every replica, and the forwarding retries on
/// timeout, so a flaky network "cannot" lose one. But the forwarded call carries no ID, so when a
/// backup's reply is lost and the primary retries, the backup counts the increment twice and the
/// replicas disagree for good. `ReplicationDemo` shows exactly that.
public final class PrimaryCounter: Counter {
  /// The primary's own counter.
  public let local: LocalCounter
  /// Proxies for the backups, in order.
  public let backups: [RemoteCounter]

  /// Creates a primary over `local` that forwards every increment to `backups`.
  public init(local: LocalCounter, backups: [RemoteCounter]) {
    self.local = local
    self.backups = backups
  }

  /// Increments the local counter, then each backup in turn.
  /// - Throws: the first backup's error. The local increment (and earlier backups') stay applied:
  ///   there is no undo, which is its own Level 1 problem.
  public func increment() throws {
    local.increment()
    for backup in backups { try backup.increment() }
  }

  /// The primary's own value; backups are not consulted.
  public func value() -> Int { local.value() }
}
