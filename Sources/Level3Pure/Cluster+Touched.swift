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
  /// Stops the program if `choice` changed a replica or client it is not for: packing this
  /// cluster (the one `apply(choice)` made from the cluster packed in `parent`) must give the
  /// same words whether the untouched replicas and clients are packed again or copied from
  /// `parent` (as `layout` places them).
  func checkUntouched(by choice: Choice, _ parent: [UInt64], layout: PackedLayout) {
    var whole: [UInt64] = []
    pack(into: &whole)
    var scratch = [UInt64](repeating: 0, count: whole.count + 1)
    let copied = scratch.withUnsafeMutableBufferPointer { buffer in
      parent.withUnsafeBufferPointer { parent in
        var writer = WordWriter(buffer)
        _ = pack(into: &writer, parent: parent, layout: layout, after: choice)
        return Array(writer.written)
      }
    }
    precondition(copied == whole, "\(choice) changed a replica or client it is not for")
  }
}
