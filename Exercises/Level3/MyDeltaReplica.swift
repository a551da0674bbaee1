import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 3.8 (stretch): a delta gossip that cannot get stuck.
///
/// Goal: `--protocol stuck` (`DeltaGossipReplica`) sends each peer only what is new, and a lost
/// delta is never sent again: the replicas can disagree forever. Write a replica whose gossip is
/// still a delta most of the time (the check wants at most 80% of the requests the fixed
/// replica's full-state gossip carries over the same runs) and which never gets stuck: 200 seeds
/// of the default scenario with every fault on must keep every property.
///
/// It starts as the fixed replica (full state every round, so the check calls it not started).
/// Change `step` and delete the `isUnsolvedStub` line. There is no acknowledgement of a sync in
/// the vocabulary: you cannot know what a peer received.
///
/// Check it: `swift run workshop verify 3.8`. Course text: Levels/3-Purity.md.
public struct MyDeltaReplica: FixedVariant, PureCounterReplica {
  /// Delete this line when you start.
  public static let isUnsolvedStub = true

  /// The fixed replica underneath.
  public var base: FixedReplica

  /// `my-delta`.
  public static var protocolName: String { "my-delta" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// The fixed step, for now.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    base.step(input, into: &actions)
  }
}
