import CounterSpec
import Synchronization

/// What a `CounterServer` consults before it applies an increment that carries a request ID.
///
/// The server asks `admit(_:)` once per increment request that carries an ID, first attempts and
/// retries alike, one request at a time, and applies the increment only when the answer is
/// `true`; it acknowledges the call (`done`) either way. Requests without an ID are applied
/// without asking: the ledger cannot tell them apart. `CountEveryCall`, the default, admits
/// everything, which is Level 1's behaviour.
public protocol IncrementLedger: Sendable {
  /// Whether the server should apply increment `request` now. `false` means "already applied":
  /// the server acknowledges the call without counting it again.
  mutating func admit(_ request: RequestID) -> Bool
}

/// The Level 1 ledger: every increment is applied, a retry included.
public struct CountEveryCall: IncrementLedger {
  /// Creates the ledger.
  public init() {}

  /// Always `true`.
  public mutating func admit(_ request: RequestID) -> Bool { true }
}

/// A server's ledger and its lock: one decision and one increment at a time, so two attempts of
/// the same call that arrive together on two connections cannot both be admitted.
final class LedgerGate: Sendable {
  private let ledger: Mutex<any IncrementLedger>

  init(_ ledger: any IncrementLedger) { self.ledger = Mutex(ledger) }

  /// Applies `increment` if the ledger admits `request`.
  /// - Returns: whether it was applied.
  func apply(_ request: RequestID, _ increment: () throws -> Void) throws -> Bool {
    try ledger.withLock { ledger in
      guard ledger.admit(request) else { return false }
      try increment()
      return true
    }
  }
}
