import CounterSpec

/// Mutant of `FixedReplica`: acknowledges a new request at once, before its write is on disk.
///
/// Plausible ("the write is already on its way"), and wrong: a crash before the write completes
/// forgets an increment the client was told is counted. *No lost acknowledged increment* catches
/// it, given a crash in the right window.
public struct AckBeforeWrite: CounterReplica {
  var base: FixedReplica

  /// `ack-before-write`.
  public static var protocolName: String { "ack-before-write" }

  /// A fresh replica.
  public init(id: ReplicaID, config: ReplicaConfig) {
    base = FixedReplica(id: id, config: config)
  }

  /// A restarted replica.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = FixedReplica(id: id, config: config, restoring: disk)
  }

  /// As the fixed replica.
  public var value: Int { base.value }
  /// As the fixed replica.
  public var known: RequestSet { base.known }
  /// As the fixed replica.
  public var description: String { base.description }

  /// The fixed step, plus an acknowledgement right away for a request it just applied.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    let first = actions.count
    base.step(input, into: &actions)
    guard case .requested(let request, let client) = input else { return }
    let reply = ReplicaAction.reply(.incremented(request), to: client)
    if !actions[first...].contains(reply) { actions.append(reply) }  // the bug
  }
}
