import CounterSpec

extension Cluster {
  /// Becomes `other` again after `apply(choice)` changed this copy of it, copying back only what
  /// one choice can change: the one replica or client the choice is for, the network, the links,
  /// the checker and the record of the apply. The explorer tries every choice from one cluster;
  /// copying back one node instead of all of them is most of what this saves.
  ///
  /// `apply` steps at most one process per choice (a delivery steps its receiver, a timer its
  /// owner, a write, crash or restart its replica), so every other node and client is still
  /// `other`'s. Debug builds check that before they copy.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  package mutating func restore(_ other: Cluster, after choice: Choice) {
    let (replica, client) = Self.process(of: choice)
    assert(
      nodes.indices.allSatisfy { $0 == replica || nodes[$0] == other.nodes[$0] }
        && clientNodes.indices.allSatisfy {
          $0 == client || clientNodes[$0] == other.clientNodes[$0]
        },
      "\(choice) changed a process it is not for")
    // Assigned, not copied into this node's buffers: sharing them until the next choice
    // changes one costs less than copying every field of the node.
    if replica >= 0 { nodes[replica] = other.nodes[replica] }
    if client >= 0 {
      clientNodes[client].client = other.clientNodes[client].client
      clientNodes[client].timers.removeAll(keepingCapacity: true)
      if !other.clientNodes[client].timers.isEmpty {
        clientNodes[client].timers.append(contentsOf: other.clientNodes[client].timers)
      }
    }
    inFlight.removeAll(keepingCapacity: true)
    if !other.inFlight.isEmpty { inFlight.append(contentsOf: other.inFlight) }
    cutLinks = other.cutLinks
    checker.restore(other.checker)
    if isBroken || other.isBroken { violation = other.violation }
    if !effects.isEmpty || !other.effects.isEmpty {
      effects.removeAll(keepingCapacity: true)
      effects.append(contentsOf: other.effects)
    }
    if !events.isEmpty || !other.events.isEmpty {
      events.removeAll(keepingCapacity: true)
      events.append(contentsOf: other.events)
    }
    holdersMayShrink = other.holdersMayShrink
  }

  /// The index of the replica and of the client `choice` steps (-1: none).
  static func process(of choice: Choice) -> (replica: Int, client: Int) {
    switch choice {
    case .deliver(.request(_, let to)), .deliver(.sync(_, _, let to)): (to.index, -1)
    case .deliver(.ack(_, _, let to)): (-1, to.index)
    case .fire(.replica(let id, _)), .completeWrite(let id), .crash(let id), .restart(let id):
      (id.index, -1)
    case .fire(.client(let id, _)): (-1, id.index)
    case .drop, .duplicate, .cut, .heal: (-1, -1)
    }
  }
}
