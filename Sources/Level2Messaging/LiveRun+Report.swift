import CounterSpec

extension Level2Run {
  /// What one Level 2 run did: its trace, what the checker saw, and how it ended.
  public typealias Result = LiveRun.Report
}

extension LiveRun {
  /// What one live run did (Level 2's, or live Level 3's): its trace, what the checker saw, and
  /// how it ended.
  public struct Report: Sendable {
    /// The scenario that ran.
    public let scenario: Scenario
    /// What the replicas gossiped.
    public let replicaProtocol: ReplicaProtocol
    /// Every delivery, drop, duplicate, timer and value change, in the order they happened
    /// (no times: Level 2 fingerprints compare interleavings).
    public let trace: Trace
    /// What the checker was fed, in order.
    public let observations: [Observation]
    /// Each replica's value after the run stopped.
    public let finalValues: [Int]
    /// The first broken property, or `nil` if the run kept all three.
    public let violation: Violation?
    /// How long the run took on the wall clock.
    public let wallTime: Duration
    /// Whether every client finished its increments within its retry budget.
    public let clientsFinished: Bool
    /// Whether the replicas agreed before `settleMs` ran out.
    public let settled: Bool
    /// How the replicas still differed when settling time was up (`nil` if they agreed).
    public let disagreement: Disagreement?
    /// Whether every thread of the run ended before `run` returned.
    public let threadsJoined: Bool
    /// What the network did with the messages.
    public let network: NetworkStatistics

    /// The trace's fingerprint: equal fingerprints mean the same interleaving.
    public var fingerprint: UInt64 { trace.fingerprint }

    /// Creates a report.
    public init(
      scenario: Scenario, replicaProtocol: ReplicaProtocol = .flawed, trace: Trace,
      observations: [Observation], finalValues: [Int], violation: Violation?,
      wallTime: Duration, ending: LiveRun.Ending, disagreement: Disagreement? = nil,
      network: NetworkStatistics
    ) {
      self.scenario = scenario
      self.replicaProtocol = replicaProtocol
      self.disagreement = disagreement
      self.trace = trace
      self.observations = observations
      self.finalValues = finalValues
      self.violation = violation
      self.wallTime = wallTime
      clientsFinished = ending.clientsFinished
      settled = ending.settled
      threadsJoined = ending.threadsJoined
      self.network = network
    }
  }
}
