import ExerciseKit
import Level3Pure

/// Exercise 3.3: a property of your own.
///
/// Goal: a property of the counter, checked on the whole cluster after every choice, that
/// catches the `ack-before-write` mutant on some run and never flags the fixed replica. The
/// check replays 100 simulator runs (every fault on) of the fixed replica and of every mutant
/// with your property, and says which mutants it caught.
///
/// A property reads the cluster (Sources/Level3Pure/Cluster.swift): `cluster.checker.issued` and
/// `.acknowledged` (what clients were told), `cluster.nodes[i]` (`isUp`, `known`, `disk`,
/// `writes`, `timers`), `cluster.inFlight`. Return `nil` when it holds, else one line that
/// names the request or replica.
///
/// Exercise 3.7 (stretch) asks for a second one in `timerProperty()`.
///
/// Check it: `swift run workshop verify 3.3`. Course text: Levels/3-Purity.md.
public struct MyFirstProperty: CounterProperty {
  /// Creates the property.
  public init() {}

  /// A few words.
  public var name: String { "" }

  /// Whether `cluster` breaks it now.
  public func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? {
    nil
  }
}

/// Exercises 3.3 and 3.7.
public enum MyProperty {
  /// Exercise 3.3: your property.
  public static func property() throws -> any CounterProperty {
    throw NotSolvedYet()  // delete this line and return MyFirstProperty()
  }

  /// Exercise 3.7 (stretch): a safety property that catches gossip-once and
  /// no-gossip-after-restart.
  public static func timerProperty() throws -> any CounterProperty {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
