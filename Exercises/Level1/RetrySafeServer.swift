import CounterSpec
import ExerciseKit
import Level1RPC

// Exercise 1.3: retry-safe, for real.
//
// `swift run workshop level1` shows one increment() counted 0, 1 or 2 times over real TCP.
// Make the real thing retry-safe, in two halves:
//
// - the client (`MyCounterClient`) names each logical increment with a request ID and sends it
//   with the call: `remote.increment(id:)` puts it in the request frame (`increment c0#1`),
//   and the remote resends that same frame when it retries;
// - the server consults your ledger (`MyLedger`) for every increment that carries an ID, and
//   applies it only when the ledger says it is new. A repeat is acknowledged, not counted.
//
// The check runs the ten cases of `workshop level1` over loopback TCP against a CounterServer
// that uses your ledger, with your client: every 2 must become a 1. The 0s stay 0. Before you
// run it, write down why they do; then read "Exercise 1.3" in Levels/1-RPC.md.
//
// Check it: `swift run workshop verify 1.3` (hints: add `--hint`).

/// The server's half: which increments to apply. Today it applies every one, as Level 1 does.
public struct MyLedger: RetrySafeLedger {
  public init() {}

  /// Whether the server should apply `request` now; `false` for a request it applied before.
  public mutating func admit(_ request: RequestID) -> Bool {
    true  // every call counts, retries included: replace this with your answer
  }
}

/// The client's half: one logical increment per call to `increment()`.
public struct MyCounterClient: RetrySafeClient {
  /// This client's ID (`c0`, `c1`, ...).
  public let id: ClientID
  /// The server, through a proxy that retries failed attempts as its policy says.
  public let remote: RemoteCounter

  public init(id: ClientID, remote: RemoteCounter) {
    self.id = id
    self.remote = remote
  }

  /// Makes one logical increment; throws what `remote` throws when it gives up.
  public mutating func increment() throws {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
