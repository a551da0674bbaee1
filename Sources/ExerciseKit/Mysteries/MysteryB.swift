import CounterSpec
import Level3Pure

/// A replica of the bug hunt (Exercise 3.5): the fixed replica with one change. Find the story
/// in which it breaks a property, with the tools; reading this file tells you only where to look.
public struct MysteryB: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica

  /// `mystery-b`.
  public static var protocolName: String { "mystery-b" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// The fixed step; a completed write answers everyone who waits.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    let waiting = base.awaiting
    let first = actions.count
    base.step(input, into: &actions)
    guard case .persisted = input else { return }
    for pending in waiting {
      let reply = ReplicaAction.reply(.incremented(pending.request), to: pending.client)
      if !actions[first...].contains(reply) { actions.append(reply) }
    }
  }
}
