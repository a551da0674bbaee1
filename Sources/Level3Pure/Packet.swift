import CounterSpec

/// A message on its way through the network: what it says, who sent it, and who gets it.
///
/// Only these three can travel; local inputs (a timer, a restart, a completed write) are not
/// packets. A packet is named by its content and its two ends, with no clock: two equal packets
/// are interchangeable, which is what lets the cluster treat the network as a multiset.
public enum Packet: Hashable, Sendable, CustomStringConvertible {
  /// A client's increment request (first try or retry) on its way to a replica.
  case request(RequestID, to: ReplicaID)
  /// A replica's gossip on its way to a peer.
  case sync(Tally, from: ReplicaID, to: ReplicaID)
  /// A replica's acknowledgement on its way to a client.
  case ack(RequestID, from: ReplicaID, to: ClientID)

  /// The sender.
  public var from: NodeID {
    switch self {
    case .request(let request, _): .client(request.client)
    case .sync(_, let from, _): .replica(from)
    case .ack(_, let from, _): .replica(from)
    }
  }

  /// The receiver.
  public var to: NodeID {
    switch self {
    case .request(_, let to): .replica(to)
    case .sync(_, _, let to): .replica(to)
    case .ack(_, _, let to): .client(to)
    }
  }

  /// The message text, as traces print it: `increment c0#1`, `sync [1,0,0] {c0#1}`, `ack c0#1`.
  public var text: String {
    switch self {
    case .request(let request, _): "increment \(request)"
    case .sync(let tally, _, _): "sync \(tally)"
    case .ack(let request, _, _): "ack \(request)"
    }
  }

  /// `c0 -> r1  increment c0#1`.
  public var description: String { "\(from) -> \(to)  \(text)" }

  /// Same kind, content and ends. Written out to compare a gossip's ends before its tally: the
  /// cluster searches the network this way at every delivery.
  public static func == (a: Packet, b: Packet) -> Bool {
    switch a {
    case .request(let request, let to):
      guard case .request(let otherRequest, let otherTo) = b else { return false }
      return to == otherTo && request == otherRequest
    case .sync(let tally, let from, let to):
      guard case .sync(let otherTally, let otherFrom, let otherTo) = b else { return false }
      return from == otherFrom && to == otherTo && tally == otherTally
    case .ack(let request, let from, let to):
      guard case .ack(let otherRequest, let otherFrom, let otherTo) = b else { return false }
      return to == otherTo && from == otherFrom && request == otherRequest
    }
  }
}

/// A pending timer and whose it is.
public enum TimerRef: Hashable, Sendable, CustomStringConvertible {
  /// A replica's timer.
  case replica(ReplicaID, ReplicaTimer)
  /// A client's timer.
  case client(ClientID, ClientTimer)

  /// `r0 gossip`, `c0 retry c0#1 (attempt 1)`.
  public var description: String {
    switch self {
    case .replica(let replica, let timer): "\(replica) \(timer)"
    case .client(let client, let timer): "\(client) \(timer)"
    }
  }
}
