import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 3.1, solved: the fixed replica as a pure step function.
///
/// The value counts distinct known requests, so a retry that reaches a second replica before
/// gossip is harmless: both replicas know the same request ID, and a union counts it once.
public struct MyReplica: PureCounterReplica {
  let id: ReplicaID
  let replicas: Int
  let gossipInterval: Duration
  var tally: Tally

  public init(id: ReplicaID, replicas: Int, gossipInterval: Duration) {
    self.id = id
    self.replicas = replicas
    self.gossipInterval = gossipInterval
    self.tally = Tally(replicas: replicas)
  }

  public mutating func step(_ message: Message) throws -> [Action] {
    switch message {
    case .incrementRequested(let request, let client):
      guard !tally.known.contains(request) else {
        return [.reply(.incremented(request), to: client)]
      }
      tally.known.insert(request)
      tally.bump(id.index)
      // Persist before acknowledging: a crash after the ack must not forget the request.
      return [.persist(tally), .reply(.incremented(request), to: client)]
    case .synced(let theirs, _):
      tally.merge(theirs)
      return []
    case .timerFired(.gossip), .restarted:
      var actions = (0..<replicas).filter { $0 != id.index }.map {
        Action.send(.synced(tally, from: id), to: ReplicaID($0))
      }
      actions.append(.startTimer(.gossip, after: gossipInterval))
      return actions
    case .timerFired(.retry):
      return []
    }
  }

  public func value() throws -> Int { tally.known.count }
}
