import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 2.3, the Level 3 half, solved: Level 2's replica, gossiping every millisecond.
///
/// Our Level 2 answer kept every retry at the client's home replica; at Level 3 a replica
/// cannot steer its clients (the scenario does), so this half carries the other timing idea
/// most people try: gossip so often that a retry can hardly overtake it. The sweep, with Level
/// 2's faults, rarely sees the double count; the explorer, which has no clock, shows it in a
/// handful of choices: a retry timer may fire before any gossip, however soon that is.
public struct MyTimingFix: PureCounterReplica {
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
      if case .startTimer(.gossip, _) = action {
        actions.append(.startTimer(.gossip, after: .milliseconds(1)))
      } else {
        actions.append(action)
      }
    }
  }

  public var value: Int { base.value }

  public var known: RequestSet { base.known }

  public var description: String { base.description }
}
