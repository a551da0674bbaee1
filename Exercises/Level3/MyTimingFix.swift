import CounterSpec
import ExerciseKit
import Level3Pure

// Exercise 2.3, the Level 3 half: your Level 2 idea, as a pure step.
//
// At Level 2 you changed the replica (or its timing) and watched a rerun test pass. Carry the
// same idea here. `MyTimingFix` starts as Level 2's replica converted to a pure step
// (Level3Pure.FlawedReplica), wrapped so you can change what it does:
// - gossip sooner: change the delay of the `.startTimer(.gossip, after:)` actions it returns;
// - hold the acknowledgement back: keep the `.reply` actions and return them later (on the next
//   `.timerFired`, say), remembering them in your state;
// - keep retries at one replica: a replica cannot steer its clients at Level 3 (the scenario
//   does), so try one of the two above instead.
// Or write your own step from scratch. Then delete the `isUnsolvedStub` line and run
// `swift run workshop verify 2.3`: it reruns your Level 2 variant, then sweeps this one with
// Level 2's faults (2,000 seeds) and runs the Level 4 explorer on it, and tells you the story.

/// Your Level 2 idea as a pure replica. Delete the `isUnsolvedStub` line when you have made it.
public struct MyTimingFix: PureCounterReplica {
  public static let isUnsolvedStub = true  // delete this line when you start

  var base: FlawedReplica

  public init(id: ReplicaID, config: ReplicaConfig) {
    base = FlawedReplica(id: id, config: config)
  }

  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    base = FlawedReplica(id: id, config: config, restoring: disk)
  }

  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    var theirs: [ReplicaAction] = []
    base.step(input, into: &theirs)
    for action in theirs {
      // Change what you return here.
      actions.append(action)
    }
  }

  public var value: Int { base.value }

  public var known: RequestSet { base.known }

  public var description: String { base.description }
}
