import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 3.1: write the pure step.
///
/// Goal: the *fixed* replica as a pure state machine, a `CounterReplica` that every tool runs by
/// name (`swift run workshop verify 3.1` puts it in the simulator). Same inputs and actions as
/// `Level3Pure.FixedReplica` (Sources/Level3Pure/FixedReplica.swift): on `.started` arm the
/// gossip timer; on a new increment apply it and persist, and acknowledge it only once
/// `.persisted` says a write holding it is on disk; on a known one acknowledge at once if it is
/// on disk, else wait; on a sync merge (and persist if you learned something); on gossip send
/// your tally to every peer in ascending order and re-arm the timer. Leave the tally's slots at
/// zero (the fix counts the set of requests, not slots). The value counts distinct
/// known requests, so a retry that reaches two replicas counts once. No clocks, no randomness,
/// no I/O. The check runs your replica next to ours through 300 random stories, then in the
/// simulator.
///
/// Start by deleting the `isUnsolvedStub` line. Course text: Levels/3-Purity.md.
public struct MyReplica: PureCounterReplica {
  public static let isUnsolvedStub = true  // delete this line when you start

  public init(id: ReplicaID, config: ReplicaConfig) {}

  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {}

  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    // your answer
  }

  public var value: Int { 0 }

  public var known: RequestSet { RequestSet() }

  public var description: String { "not written yet" }
}
