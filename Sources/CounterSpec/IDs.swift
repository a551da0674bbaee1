/// Identifies one replica of the counter. Prints as `r0`, `r1`, ...
public struct ReplicaID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Position of the replica in the cluster, from zero.
  public let index: Int

  /// Creates the ID of replica number `index`.
  @inlinable
  public init(_ index: Int) { self.index = index }

  public var description: String { "r\(index)" }

  public static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool { lhs.index < rhs.index }
}

/// Identifies one client of the counter. Prints as `c0`, `c1`, ...
public struct ClientID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Position of the client, from zero.
  public let index: Int

  /// Creates the ID of client number `index`.
  @inlinable
  public init(_ index: Int) { self.index = index }

  public var description: String { "c\(index)" }

  public static func < (lhs: ClientID, rhs: ClientID) -> Bool { lhs.index < rhs.index }
}

/// Identifies one *logical* increment: the client that issued it and its sequence number.
///
/// Every retry of the same logical increment carries the same `RequestID`; that is what makes
/// deduplication possible. Prints as `c0#1` (client 0, first increment).
public struct RequestID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The client that issued the increment.
  public let client: ClientID
  /// The client's sequence number for it, from one.
  public let number: Int

  /// Creates the ID of increment `number` of `client`.
  @inlinable
  public init(client: ClientID, number: Int) {
    self.client = client
    self.number = number
  }

  public var description: String { "\(client)#\(number)" }

  public static func < (lhs: RequestID, rhs: RequestID) -> Bool {
    (lhs.client, lhs.number) < (rhs.client, rhs.number)
  }
}

/// Any participant in a run: a replica or a client. Used by traces to name both ends of a message.
public enum NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// A replica.
  case replica(ReplicaID)
  /// A client.
  case client(ClientID)

  public var description: String {
    switch self {
    case .replica(let replica): replica.description
    case .client(let client): client.description
    }
  }

  /// Clients sort before replicas, each by index, so lanes in diagrams have a fixed order.
  public static func < (lhs: NodeID, rhs: NodeID) -> Bool {
    switch (lhs, rhs) {
    case (.client(let a), .client(let b)): a < b
    case (.replica(let a), .replica(let b)): a < b
    case (.client, .replica): true
    case (.replica, .client): false
    }
  }
}
