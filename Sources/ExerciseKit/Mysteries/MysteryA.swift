import CounterSpec
import Level3Pure

/// A replica of the bug hunt (Exercise 3.4): the fixed replica with one change. Find the story
/// in which it breaks a property, with the tools; reading this file tells you only where to look.
public struct MysteryA: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica
  /// What the last gossip carried.
  public private(set) var lastSent = RequestSet()

  /// `mystery-a`.
  public static var protocolName: String { "mystery-a" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// The fixed step, with a saving on gossip: nothing is sent that was sent before.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    let first = actions.count
    base.step(input, into: &actions)
    guard case .timerFired(.gossip) = input else { return }
    if base.known == lastSent {
      actions[first...].removeAll {
        if case .sync = $0 { return true }
        return false
      }
    }
    lastSent = base.known
  }
}
