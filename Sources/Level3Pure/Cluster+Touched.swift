import CounterSpec

extension Cluster {
  /// The index of the replica and of the client `choice` steps (-1: none).
  ///
  /// `apply` steps at most one process per choice: a delivery steps its receiver, a timer its
  /// owner, a write, crash or restart its replica. Every other replica and client stays as it
  /// was, which is what lets the explorer copy their packed words instead of packing them again
  /// and read back only what a choice can change (`revert(_:to:layout:)`). Debug builds check it
  /// at every revert (`checkUntouched(by:_:layout:)`).
  package static func process(of choice: Choice) -> (replica: Int, client: Int) {
    switch choice {
    case .deliver(.request(_, let to)), .deliver(.sync(_, _, let to)): (to.index, -1)
    case .deliver(.ack(_, _, let to)): (-1, to.index)
    case .fire(.replica(let id, _)), .completeWrite(let id), .crash(let id), .restart(let id):
      (id.index, -1)
    case .fire(.client(let id, _)): (-1, id.index)
    case .drop, .duplicate, .cut, .heal: (-1, -1)
    }
  }

  /// Whether `choice` takes the packet it names out of the network (the first copy in sending
  /// order): a delivery and a drop do. Every packet a choice adds (a duplicate's copy, what the
  /// stepped replica or client sends) goes after the others, so after `apply(choice)` the
  /// messages in flight are the ones before, less that one, then the added ones, in order. The
  /// explorer's step memo relies on it (`StepMemo`); debug builds check it at every choice it
  /// replays.
  package static func removesPacket(_ choice: Choice) -> Bool {
    switch choice {
    case .deliver, .drop: true
    case .duplicate, .fire, .completeWrite, .crash, .restart, .cut, .heal: false
    }
  }

}

extension Cluster {
  /// Stops the program if `choice` changed a replica or client it is not for: in this cluster
  /// (the one `apply(choice)` made from the cluster packed in `parent`), every other replica must
  /// still be the node `parent` names (and the checker hold its value), every
  /// other client to its words in `parent` (as `layout` places them), and unless a client
  /// stepped, what was issued and acknowledged must be as in `parent`.
  func checkUntouched(
    by choice: Choice, _ parent: [UInt64], layout: PackedLayout, nodes table: NodeTable<R>
  ) {
    let (replica, client) = Self.process(of: choice)
    var scratch = [UInt64](repeating: 0, count: 1 << 12)
    if client < 0 {
      let now = scratch.withUnsafeMutableBufferPointer { buffer in
        var writer = WordWriter(buffer)
        checker.issued.pack(into: &writer)
        checker.acknowledged.pack(into: &writer)
        return Array(writer.written)
      }
      precondition(now == Array(parent[layout.checker]), "\(choice) issued or acknowledged")
      for index in nodes.indices where index != replica {
        precondition(checker.values[index] == nodes[index].value, "\(choice) changed r\(index)")
      }
    }
    for index in nodes.indices where index != replica {
      precondition(
        nodes[index] == table.nodes[Int(parent[layout.node(index)])],
        "\(choice) changed replica \(index), which it is not for")
    }
    for index in clientNodes.indices where index != client {
      let now = scratch.withUnsafeMutableBufferPointer { buffer in
        var writer = WordWriter(buffer)
        pack(client: index, into: &writer)
        return Array(writer.written)
      }
      precondition(
        now == Array(parent[layout.clients[index]]),
        "\(choice) changed client \(index), which it is not for")
    }
  }
}
