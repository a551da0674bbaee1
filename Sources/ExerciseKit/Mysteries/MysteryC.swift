import CounterSpec
import Level3Pure

/// A replica of the bug hunt (Exercise 3.6): the fixed replica with one change. Find the story
/// in which it breaks a property, with the tools; reading this file tells you only where to look.
public struct MysteryC: FixedVariant {
  /// The fixed replica underneath.
  public var base: FixedReplica

  /// `mystery-c`.
  public static var protocolName: String { "mystery-c" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// The fixed step, with a quicker answer to a request it has already seen and stored.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    if case .requested(let request, let client) = input,
      !base.known.contains(request),
      base.durable.contains(where: { $0.number == request.number })
    {
      actions.append(.reply(.incremented(request), to: client))
      return
    }
    base.step(input, into: &actions)
  }
}
