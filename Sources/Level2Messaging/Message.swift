import CounterSpec

/// What Level 2 clients and replicas say to each other.
///
/// Requests carry IDs, so a replica can recognise a retry, and replicas exchange their whole
/// state, so duplicated or reordered syncs do no harm. Level 3 uses the same three messages and the
/// same text, so traces of both levels read alike.
public enum Message: Equatable, Sendable, CustomStringConvertible {
  /// A client asks a replica to count `request` (a first try or a retry of it).
  case increment(RequestID)
  /// A replica tells a client that `request` is counted.
  case ack(RequestID)
  /// A replica's whole state, gossiped to a peer: one slot per replica, and every request it
  /// knows of.
  case sync(slots: [Int], known: RequestSet)

  /// The message as traces print it: `increment c0#1`, `ack c0#1`, `sync [2,1,0] {c0#1,c1#1}`.
  public var description: String {
    switch self {
    case .increment(let request): "increment \(request)"
    case .ack(let request): "ack \(request)"
    case .sync(let slots, let known):
      "sync [" + slots.map(String.init).joined(separator: ",") + "] \(known)"
    }
  }
}
