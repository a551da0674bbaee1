import CounterSpec
import Level3Pure

/// The fixed protocol, defined outside Level3Pure: the bench runs it through the explorer's
/// generic path (nothing is compiled for this type in advance), the way a learner's own replica
/// runs. It forwards every step to a `FixedReplica`, so it explores the same states.
struct OutsideReplica: CounterReplica {
  /// The replica doing the work.
  var inner: FixedReplica

  static var protocolName: String { "fixed (defined outside Level3Pure)" }

  init(id: ReplicaID, config: ReplicaConfig) {
    inner = FixedReplica(id: id, config: config)
  }

  init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    inner = FixedReplica(id: id, config: config, restoring: disk)
  }

  mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    inner.step(input, into: &actions)
  }

  var value: Int { inner.value }
  var isReadyForRequest: Bool { inner.isReadyForRequest }
  var known: RequestSet { inner.known }
  var description: String { inner.description }
}
