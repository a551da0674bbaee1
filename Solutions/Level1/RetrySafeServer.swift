import CounterSpec
import ExerciseKit
import Level1RPC

/// Exercise 1.3, solved, the server's half: the IDs of every increment applied.
///
/// It grows with every request and forgets nothing, so it never counts a late retry twice; a
/// server that restarts loses it, and a retry that reaches another server is a stranger there.
public struct MyLedger: RetrySafeLedger {
  private var applied = RequestSet()

  public init() {}

  /// New IDs are applied, repeats are not.
  public mutating func admit(_ request: RequestID) -> Bool {
    applied.insert(request)
  }
}

/// Exercise 1.3, solved, the client's half: a new number for each logical increment, the same
/// ID on each of its retries (the remote resends the frame).
public struct MyCounterClient: RetrySafeClient {
  /// This client's ID.
  public let id: ClientID
  /// The server.
  public let remote: RemoteCounter
  private var sent = 0

  public init(id: ClientID, remote: RemoteCounter) {
    self.id = id
    self.remote = remote
  }

  /// Numbers the increment and sends it.
  public mutating func increment() throws {
    sent += 1
    try remote.increment(id: RequestID(client: id, number: sent))
  }
}
