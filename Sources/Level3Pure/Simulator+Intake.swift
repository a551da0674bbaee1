import CounterSpec

extension Simulator {
  /// Holds `packet` if it is a client request its replica is not ready for
  /// (`Cluster.waits(_:)`), or one that must queue behind requests already held for the same
  /// replica: it stays in the cluster's `inFlight` and is offered again by `offerHeld()`.
  /// - Returns: whether it was held.
  @inline(__always)  // asked at every request delivery: a call would copy the packet
  mutating func hold(_ packet: Packet) -> Bool {
    // `nodes[...].isUp`, not `isUp(_:)`: a call from here would copy the whole cluster first.
    guard case .request(let request, let to) = packet, cluster.nodes[to.index].isUp else {
      return false
    }
    let queued = held.contains {
      if case .request(_, to) = $0 { return true }
      return false
    }
    guard queued || cluster.waits(packet) else { return false }
    held.append(packet)
    if recordsTrace {
      let text = "not ready: increment \(request) waits"
      trace.append(TraceEvent(time: now, .note(.replica(to), text)))
    }
    return true
  }

  /// Hands every held request, oldest first, to its replica once it is ready: called after each
  /// event, so a request waits no longer than the step that makes its replica ready. A request
  /// held for a replica that crashed is lost with it (delivered to a replica that is down, which
  /// the trace shows as dropped), as a live replica's queue of waiting requests would be.
  ///
  /// Each replica's requests keep their order: a delivery steps only its own replica, so one
  /// that was not ready for an earlier request is still not ready for a later one in this pass.
  mutating func offerHeld() {
    var index = 0
    while index < held.count, !cluster.isBroken {
      let packet = held[index]
      guard case .request(_, let to) = packet,
        !cluster.isUp(to) || cluster.isReadyForRequest(to)
      else {
        index += 1
        continue
      }
      held.remove(at: index)
      deliver(packet)
    }
  }
}
