import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 3.1: write the pure step.
///
/// Goal: the *fixed* replica as a pure function. Same messages and actions as
/// `Level3Pure.Replica` (Sources/Level3Pure/Replica.swift): on a new increment apply it, persist,
/// then reply; on a known one only reply; on gossip (or a restart) send your tally to every peer
/// in ascending order and re-arm the timer; on a sync merge. But the value must count distinct
/// known requests, so a retry that reaches two replicas counts once. No clocks, no randomness,
/// no I/O. The check runs your replica next to ours through 300 random stories.
///
/// Check it: `swift run workshop verify 3.1`. Course text: Levels/3-Purity.md.
public struct MyReplica: PureCounterReplica {
  public init(id: ReplicaID, replicas: Int, gossipInterval: Duration) {}

  public mutating func step(_ message: Message) throws -> [Action] {
    throw NotSolvedYet()  // delete this line and write your answer
  }

  public func value() throws -> Int {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
