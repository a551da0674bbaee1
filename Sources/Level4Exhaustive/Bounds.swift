import CounterSpec
import Level3Pure

/// The limits of one exhaustive exploration: the cluster's size and every fault budget.
///
/// Exhaustive search is only possible because everything here is finite. Each budget cuts off
/// the runs that would need more of it, so "no violation" always means "none within these
/// bounds", never "none at all".
public struct Bounds: Equatable, Sendable, CustomStringConvertible {
  /// Number of replicas (1...4).
  public var replicas: Int
  /// Number of clients (0...4).
  public var clients: Int
  /// Increments each client issues.
  public var increments: Int
  /// Attempts per increment, first one included (as `Scenario.maxAttempts`).
  public var maxAttempts: Int
  /// Most messages in flight at once; a choice that would send more is not taken.
  public var maxInFlight: Int
  /// How many messages the network may lose in one run.
  public var drops: Int
  /// How many messages the network may duplicate in one run.
  public var duplicates: Int
  /// How many crashes (each followed, when chosen, by a restart from disk) in one run.
  public var crashes: Int
  /// How many times, in all, a client's retry timer may fire before its acknowledgement.
  public var retries: Int
  /// How many times, in all, a replica's gossip timer may fire.
  public var gossips: Int

  /// Creates bounds; the defaults are small enough for a few seconds in a debug build.
  public init(
    replicas: Int = 2, clients: Int = 1, increments: Int = 2, maxAttempts: Int = 2,
    maxInFlight: Int = 4, drops: Int = 1, duplicates: Int = 1, crashes: Int = 0,
    retries: Int = 1, gossips: Int = 2
  ) {
    self.replicas = replicas
    self.clients = clients
    self.increments = increments
    self.maxAttempts = maxAttempts
    self.maxInFlight = maxInFlight
    self.drops = drops
    self.duplicates = duplicates
    self.crashes = crashes
    self.retries = retries
    self.gossips = gossips
  }

  /// The bounds `workshop level4`, the tour and Exercise 4.1 use: the defaults with one gossip
  /// firing, and one drop, one duplicate and one crash to spend (small enough for a few seconds
  /// in a debug build; every mutant of the catalogue is caught within them).
  public static let course = Bounds(gossips: 1).withFaults(1)

  /// The same bounds with every fault budget (drops, duplicates, crashes) set to `faults`.
  public func withFaults(_ faults: Int) -> Bounds {
    var copy = self
    copy.drops = faults
    copy.duplicates = faults
    copy.crashes = faults
    return copy
  }

  /// The scenario a schedule of these bounds replays in: the cluster's numbers; no fault rate
  /// matters there, because the schedule makes every choice.
  public var scenario: Scenario {
    Scenario(
      replicas: replicas, clients: clients, incrementsPerClient: increments,
      maxAttempts: maxAttempts, dropRate: 0, duplicateRate: 0)
  }

  /// Checks the numbers; returns a one-line reason if they cannot be explored.
  public func validate() -> String? {
    if !(1...4).contains(replicas) { return "replicas must be 1...4, got \(replicas)" }
    if !(0...4).contains(clients) { return "clients must be 0...4, got \(clients)" }
    if !(0...8).contains(increments) { return "increments must be 0...8, got \(increments)" }
    if !(1...8).contains(maxAttempts) { return "attempts must be 1...8, got \(maxAttempts)" }
    if !(1...24).contains(maxInFlight) {
      return "messages in flight must be 1...24, got \(maxInFlight)"
    }
    for (name, value) in [
      ("drops", drops), ("duplicates", duplicates), ("crashes", crashes), ("retries", retries),
      ("gossips", gossips),
    ] where !(0...15).contains(value) {
      return "\(name) must be 0...15, got \(value)"
    }
    return nil
  }

  /// `2 replicas, 1 client x 2 increments, ...`.
  public var description: String {
    "\(pluralized(replicas, "replica")), \(pluralized(clients, "client")) x "
      + "\(pluralized(increments, "increment")), \(pluralized(maxAttempts, "attempt")), "
      + "in flight <= \(maxInFlight), drops \(drops), duplicates \(duplicates), "
      + "crashes \(crashes), retries \(retries), gossips \(gossips)"
  }
}
