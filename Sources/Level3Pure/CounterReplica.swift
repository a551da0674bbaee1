import CounterSpec

/// What a replica needs to know about its cluster: fixed for a run, the same for every replica.
public struct ReplicaConfig: Hashable, Sendable {
  /// Number of replicas (peers are every other index below it).
  public var replicas: Int
  /// How often a replica gossips.
  public var gossipInterval: Duration

  /// Creates a configuration.
  public init(replicas: Int, gossipInterval: Duration = .milliseconds(30)) {
    self.replicas = replicas
    self.gossipInterval = gossipInterval
  }

  /// The configuration of `scenario`'s replicas.
  public init(_ scenario: Scenario) {
    self.init(
      replicas: scenario.replicas, gossipInterval: .milliseconds(scenario.gossipIntervalMs))
  }

  /// Hashes the number of replicas only: every replica of a cluster has the same
  /// configuration, so the interval would only cost a state space's hashing time.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(replicas)
  }

  /// Every replica but `id`, in ascending order: gossip goes out in this fixed order. (A lazy
  /// sequence: a gossip round allocates nothing.)
  public func peers(of id: ReplicaID) -> some Sequence<ReplicaID> {
    (0..<replicas).lazy.filter { $0 != id.index }.map(ReplicaID.init)
  }
}

/// A replica of the counter as a pure state machine: what every tool needs to run it.
///
/// The simulator, schedule replay, the shrinker, the explorer and the live runtime are all
/// generic over this protocol, so any conforming type runs under all of them by naming it:
/// `Simulator<FixedReplica>.run(scenario)`, `Explorer<MyReplica>.explore(bounds)`. A conforming
/// type must be a value with no clock, randomness, I/O or reference inside: the explorer compares
/// and hashes states, and the simulator replays them.
///
/// The vocabulary is fixed (`ReplicaInput`, `ReplicaAction`, `Tally` in gossip), which keeps
/// packets, schedules and traces the same for every replica.
public protocol CounterReplica: Hashable, Sendable, CustomStringConvertible {
  /// A fresh replica `id` of a cluster: nothing was ever written to its disk.
  init(id: ReplicaID, config: ReplicaConfig)
  /// Replica `id` restarted from what reached its disk (`nil`: nothing was ever written).
  init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?)
  /// Handles `input` and appends what the runtime must do to `actions`, in order.
  mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction])
  /// The counter's value as this replica sees it.
  var value: Int { get }
  /// The increments this replica knows of (counted here or heard through gossip). The checker
  /// uses it to name a lost or an unlearned request.
  var known: RequestSet { get }
  /// The short name the catalogue, the CLI and traces use (`fixed`, `flawed`, ...).
  static var protocolName: String { get }
  /// Whether this replica takes a client request now: the essay's Level 3 state machine is in
  /// control and takes a request when it is ready for one.
  ///
  /// Every runtime honours it. While it is `false`, a request for this replica waits: in the
  /// network (the cluster does not offer its delivery), at the simulator's door, or in the live
  /// runtime's queue, oldest first; the runtime hands it to `step` as soon as this turns `true`.
  /// Gossip, timers and completed writes are never held back. The default is `true`: a replica
  /// that says nothing takes every request as it arrives, as a Level 2 mailbox does.
  var isReadyForRequest: Bool { get }
}

extension CounterReplica {
  /// The type's name, unless the type says otherwise.
  public static var protocolName: String { String(describing: Self.self) }

  /// Always ready: every request is handed to `step` as it arrives.
  public var isReadyForRequest: Bool { true }

  /// Handles `input` and returns what the runtime must do, in order.
  public mutating func step(_ input: ReplicaInput) -> [ReplicaAction] {
    var actions: [ReplicaAction] = []
    step(input, into: &actions)
    return actions
  }

  /// The essay's shape, `step: msg -> state -> action * state`, as a tiny adapter.
  public static func step(_ input: ReplicaInput, _ state: Self) -> (Self, [ReplicaAction]) {
    var next = state
    let actions = next.step(input)
    return (next, actions)
  }
}
