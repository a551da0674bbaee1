import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 3.1, solved: the fixed replica as a pure state machine.
///
/// The value counts distinct known requests, so a retry that reaches a second replica before
/// gossip is harmless: both replicas know the same request ID, and a union counts it once. A
/// request is acknowledged only once a write holding it is on disk, so a crash cannot take back
/// what a client was told.
public struct MyReplica: PureCounterReplica {
  let id: ReplicaID
  let config: ReplicaConfig
  var tally: Tally
  var durable: RequestSet
  var waiting: [FixedReplica.PendingAck] = []

  public init(id: ReplicaID, config: ReplicaConfig) {
    self.init(id: id, config: config, restoring: nil)
  }

  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    self.id = id
    self.config = config
    tally = disk ?? Tally(replicas: config.replicas)
    durable = tally.known
  }

  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    switch input {
    case .started:
      actions.append(.startTimer(.gossip, after: config.gossipInterval))
    case .requested(let request, let client):
      if durable.contains(request) {
        actions.append(.reply(.incremented(request), to: client))
        return
      }
      if !tally.known.contains(request) {
        tally.known.insert(request)
        actions.append(.persist(tally))
      }
      let pending = FixedReplica.PendingAck(request: request, client: client)
      if !waiting.contains(pending) { waiting.append(pending) }
    case .synced(let theirs, _):
      let before = tally
      tally.merge(theirs)
      if tally != before { actions.append(.persist(tally)) }
    case .timerFired(.gossip):
      for peer in config.peers(of: id) { actions.append(.sync(tally, to: peer)) }
      actions.append(.startTimer(.gossip, after: config.gossipInterval))
    case .persisted(let written):
      durable.formUnion(written.known)
      for pending in waiting where durable.contains(pending.request) {
        actions.append(.reply(.incremented(pending.request), to: pending.client))
      }
      waiting.removeAll { durable.contains($0.request) }
    }
  }

  public var value: Int { tally.known.count }

  public var known: RequestSet { tally.known }

  public var description: String { tally.description }
}
