import CounterSpec

/// A message on its way through the network: what it says, who sent it, and who gets it.
///
/// The simulator keeps messages inside its event queue, stamped with a delivery time. A schedule
/// has no clock, so it names a message by its content and its two ends instead: two equal
/// packets are interchangeable, which is what lets the explorer treat the network as a multiset.
public enum Packet: Hashable, Sendable, CustomStringConvertible {
  /// A client's increment request (first try or retry) on its way to a replica.
  case request(RequestID, to: ReplicaID)
  /// A replica's gossip on its way to a peer.
  case sync(Tally, from: ReplicaID, to: ReplicaID)
  /// A replica's acknowledgement on its way to the client that asked.
  case ack(RequestID, from: ReplicaID)

  /// The sender.
  public var from: NodeID {
    switch self {
    case .request(let request, _): .client(request.client)
    case .sync(_, let from, _): .replica(from)
    case .ack(_, let from): .replica(from)
    }
  }

  /// The receiver.
  public var to: NodeID {
    switch self {
    case .request(_, let to): .replica(to)
    case .sync(_, _, let to): .replica(to)
    case .ack(let request, _): .client(request.client)
    }
  }

  /// The message text, exactly as the simulator's trace prints it: `increment c0#1`,
  /// `sync [1,0,0] {c0#1}`, `ack c0#1`.
  public var text: String {
    switch self {
    case .request(let request, _):
      Message.incrementRequested(request, from: request.client).description
    case .sync(let tally, let from, _): Message.synced(tally, from: from).description
    case .ack(let request, _): Reply.incremented(request).description
    }
  }

  /// `c0 -> r1  increment c0#1`.
  public var description: String { "\(from) -> \(to)  \(text)" }
}
