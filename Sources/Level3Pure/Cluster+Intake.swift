import CounterSpec

extension Cluster {
  /// Whether replica `id` is up and takes a client request now
  /// (`CounterReplica.isReadyForRequest`).
  public func isReadyForRequest(_ id: ReplicaID) -> Bool {
    nodes[id.index].isUp && nodes[id.index].isReadyForRequest
  }

  /// Whether `packet` is a client request that must wait: its replica is up and not ready for
  /// one. It stays in flight, not deliverable (like a packet on a cut link), until the replica
  /// is ready or down; the network may still drop or duplicate it. A request to a replica that
  /// is down does not wait: it is delivered, and lost.
  @inlinable
  @inline(__always)  // called from `apply`: a call would copy the whole cluster first
  public func waits(_ packet: Packet) -> Bool {
    guard case .request(_, let to) = packet else { return false }
    return nodes[to.index].holdsBackRequests
  }
}
