import CounterSpec

/// Mutant of `FixedReplica`: acknowledges a new request at once, before its write is on disk.
///
/// Plausible ("the write is already on its way"), and wrong: a crash before the write completes
/// forgets an increment the client was told is counted. *No lost acknowledged increment* catches
/// it, given a crash in the right window.
public struct AckBeforeWrite: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica

  /// `ack-before-write`.
  public static var protocolName: String { "ack-before-write" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// The fixed step, plus an acknowledgement right away for a request it just applied.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    let first = actions.count
    base.step(input, into: &actions)
    guard case .requested(let request, let client) = input else { return }
    let reply = ReplicaAction.reply(.incremented(request), to: client)
    if !actions[first...].contains(reply) { actions.append(reply) }  // the bug
  }
}
