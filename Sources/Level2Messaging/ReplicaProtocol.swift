/// The replication rule a Level 2 replica follows; `workshop level2 --protocol NAME` picks one.
///
/// Both variants accept a client's increment the same way (see `Replica`); they differ in how
/// they read the value and in what a replica tells its peers when its gossip timer fires.
public enum ReplicaProtocol: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
  /// Full-state gossip: every gossip sends the replica's whole state (all slots, every known
  /// request) to every peer. It always converges once drops stop, but a retry that beats gossip
  /// to another replica is counted twice: a safety failure. The default.
  case flawed
  /// Delta gossip over a grow-only set: the value is the number of distinct known requests (so a
  /// retry counted by two replicas counts once), and each gossip (twice as often as full-state
  /// gossip) sends every peer only the requests this replica counted itself since its previous
  /// gossip, and nothing when it counted nothing. A delta lost to a drop is never sent again, so
  /// a peer can miss it for good and the replicas never agree: a liveness failure, and never a
  /// double count.
  case stuck

  /// The name `--protocol` takes.
  public var description: String { rawValue }

  /// How often a replica gossips when the scenario says `scenarioMs`: as often for full states,
  /// twice as often for deltas ("they are small, so send them sooner": replication gets
  /// faster and the bandwidth still drops).
  public func gossipIntervalMs(_ scenarioMs: Int) -> Int {
    switch self {
    case .flawed: scenarioMs
    case .stuck: max(1, scenarioMs / 2)
    }
  }

  /// One line for `--help`.
  public var summary: String {
    switch self {
    case .flawed: "full-state gossip; a retry that beats gossip counts twice"
    case .stuck: "delta gossip; a lost delta is never resent, replicas may never agree"
    }
  }
}
