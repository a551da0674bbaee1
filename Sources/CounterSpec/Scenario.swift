/// One experiment, defined once and run by every level, the CLI and the tests.
///
/// A scenario fixes the cluster (replicas, clients, increments), the clients' retry policy, the
/// protocol's gossip period, the network's faults, and the seed. Times are milliseconds: real
/// milliseconds at Level 2, virtual ones at Levels 3 and 4.
public struct Scenario: Equatable, Sendable, CustomStringConvertible {
  /// Number of replicas.
  public var replicas: Int
  /// Number of clients; each issues its increments one after another.
  public var clients: Int
  /// Logical increments each client issues (at most `RequestSet.maxNumber`).
  public var incrementsPerClient: Int
  /// How long a client waits for an acknowledgement before it retries.
  public var clientTimeoutMs: Int
  /// How many times a client sends one increment at most (first try included). Attempt `k`
  /// goes to replica `(client + k) % replicas`: a retry tries the next replica.
  public var maxAttempts: Int
  /// How often each replica sends its state to its peers.
  public var gossipIntervalMs: Int
  /// Network delay of each message, drawn uniformly; different delays reorder messages.
  public var delayMs: ClosedRange<Int>
  /// Probability that the network loses a message.
  public var dropRate: Double
  /// Probability that the network delivers a message twice.
  public var duplicateRate: Double
  /// Probability, per gossip period and replica, of a crash followed by a restart (Levels 3-4).
  public var crashRate: Double
  /// Probability, per gossip period, that a partition starts (Levels 3-4).
  public var partitionRate: Double
  /// How long the run goes on, faults off, after the last client is done, so replicas can
  /// converge before the checker looks.
  public var settleMs: Int
  /// The seed for every random choice of the run.
  public var seed: UInt64

  /// Creates a scenario; every parameter has the default scenario's value.
  public init(
    replicas: Int = 3, clients: Int = 2, incrementsPerClient: Int = 3, clientTimeoutMs: Int = 20,
    maxAttempts: Int = 4, gossipIntervalMs: Int = 30, delayMs: ClosedRange<Int> = 1...8,
    dropRate: Double = 0.1, duplicateRate: Double = 0.05, crashRate: Double = 0,
    partitionRate: Double = 0, settleMs: Int = 300, seed: UInt64 = 7
  ) {
    self.replicas = replicas
    self.clients = clients
    self.incrementsPerClient = incrementsPerClient
    self.clientTimeoutMs = clientTimeoutMs
    self.maxAttempts = maxAttempts
    self.gossipIntervalMs = gossipIntervalMs
    self.delayMs = delayMs
    self.dropRate = dropRate
    self.duplicateRate = duplicateRate
    self.crashRate = crashRate
    self.partitionRate = partitionRate
    self.settleMs = settleMs
    self.seed = seed
  }

  /// The scenario every level runs by default: 3 replicas, 2 clients, 3 increments each, a lossy
  /// network that also duplicates and reorders.
  public static let `default` = Scenario()

  /// The default scenario with a perfect network: nothing dropped, duplicated or crashed.
  public static let faultFree = Scenario(dropRate: 0, duplicateRate: 0)

  /// This scenario with crashes and partitions switched on as well (Levels 3-4).
  public func withAllFaults() -> Scenario {
    var copy = self
    copy.crashRate = 0.05
    copy.partitionRate = 0.1
    return copy
  }

  /// This scenario with another seed.
  public func seeded(_ seed: UInt64) -> Scenario {
    var copy = self
    copy.seed = seed
    return copy
  }

  /// Every replica ID, in order.
  public var replicaIDs: [ReplicaID] { (0..<replicas).map(ReplicaID.init) }
  /// Every client ID, in order.
  public var clientIDs: [ClientID] { (0..<clients).map(ClientID.init) }
  /// Total logical increments the clients issue.
  public var totalIncrements: Int { clients * incrementsPerClient }

  /// The replica that attempt `attempt` (from zero) of `client` goes to.
  public func target(of client: ClientID, attempt: Int) -> ReplicaID {
    Self.target(of: client, attempt: attempt, replicas: replicas)
  }

  /// The replica that attempt `attempt` (from zero) of `client` goes to, in a cluster of
  /// `replicas`: the client's home replica first, then the next one, round the ring.
  public static func target(of client: ClientID, attempt: Int, replicas: Int) -> ReplicaID {
    ReplicaID((client.index + attempt) % replicas)
  }

  /// Checks the numbers; returns a one-line reason if they make no sense.
  public func validate() -> String? {
    if !(1...8).contains(replicas) { return "replicas must be 1...8, got \(replicas)" }
    if !(0...RequestSet.maxClients).contains(clients) {
      return "clients must be 0...\(RequestSet.maxClients), got \(clients)"
    }
    if !(0...RequestSet.maxNumber).contains(incrementsPerClient) {
      return "increments per client must be 0...\(RequestSet.maxNumber), got \(incrementsPerClient)"
    }
    if maxAttempts < 1 { return "max attempts must be at least 1" }
    if clientTimeoutMs < 1 || gossipIntervalMs < 1 { return "timeouts must be at least 1 ms" }
    if delayMs.lowerBound < 0 { return "delays cannot be negative" }
    for (name, rate) in [
      ("drop", dropRate), ("duplicate", duplicateRate), ("crash", crashRate),
      ("partition", partitionRate),
    ] where !(0...1).contains(rate) {
      return "\(name) rate must be within 0...1, got \(rate)"
    }
    return nil
  }

  /// A one-line summary without the seed: `3 replicas, 2 clients x 3 increments, ...`.
  public var summary: String {
    func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }
    var text = "\(pluralized(replicas, "replica")), \(pluralized(clients, "client")) x "
    text += pluralized(incrementsPerClient, "increment")
    text += ", delay \(delayMs.lowerBound)-\(delayMs.upperBound) ms, drop \(percent(dropRate))"
    text += ", duplicate \(percent(duplicateRate))"
    if crashRate > 0 { text += ", crash \(percent(crashRate))" }
    if partitionRate > 0 { text += ", partition \(percent(partitionRate))" }
    return text
  }

  /// A one-line summary, for example `3 replicas, 2 clients x 3 increments, drop 10%, seed 7`.
  public var description: String { summary + ", seed \(seed)" }
}
