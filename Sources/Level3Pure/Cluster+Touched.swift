import CounterSpec

extension Cluster {
  /// The index of the replica and of the client `choice` steps (-1: none).
  ///
  /// `apply` steps at most one process per choice: a delivery steps its receiver, a timer its
  /// owner, a write, crash or restart its replica. Every other replica and client stays as it
  /// was, which is what lets the explorer copy their packed words instead of packing them again
  /// and read back only what a choice can change (`revert(_:to:layout:)`). Debug builds check it
  /// at every revert (`checkUntouched(by:_:layout:)`).
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

extension Cluster where R: PackableReplica {
  /// Stops the program if `choice` changed a replica or client it is not for: each of those
  /// must still pack to its words in `parent` (as `layout` places them).
  func checkUntouched(by choice: Choice, _ parent: [UInt64], layout: PackedLayout) {
    let (replica, client) = Self.process(of: choice)
    var scratch = [UInt64](repeating: 0, count: parent.count + 1024)
    scratch.withUnsafeMutableBufferPointer { buffer in
      for index in nodes.indices where index != replica {
        var writer = WordWriter(buffer)
        pack(node: index, into: &writer)
        precondition(
          Array(writer.written) == Array(parent[layout.nodes[index]]),
          "\(choice) changed r\(index), a replica it is not for")
      }
      for index in clientNodes.indices where index != client {
        var writer = WordWriter(buffer)
        pack(client: index, into: &writer)
        precondition(
          Array(writer.written) == Array(parent[layout.clients[index]]),
          "\(choice) changed c\(index), a client it is not for")
      }
    }
  }
}
