import CounterSpec

extension LiveRun {
  /// A scenario that cannot be run, with the reason from `Scenario.validate()`.
  public struct InvalidScenario: Error, CustomStringConvertible {
    /// Why the scenario was refused.
    public let reason: String
    /// `invalid scenario: <reason>`.
    public var description: String { "invalid scenario: \(reason)" }
  }

  /// The start every live run shares, Level 2's and live Level 3's alike: a scenario that
  /// passed `validate()`, the wall clock started, a recorder for the trace and the checker, and
  /// a network (not yet started) that records into it.
  public struct Setup<Payload: Sendable> {
    /// Where the run's trace and observations go.
    public let recorder: RunRecorder
    /// The run's lossy network, faults from the scenario, seeded by it; not yet started.
    public let network: Network<Payload>
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    /// Checks `scenario` and wires up the recorder and the network.
    /// - Parameters:
    ///   - scenario: the experiment, seed included (the seed drives the network's faults).
    ///   - networkTick: how much real time moves the network's generator on by one draw (see
    ///     `Network`).
    ///   - describe: the text of a payload in traces.
    /// - Throws: `InvalidScenario` if `scenario.validate()` finds a problem.
    public init(
      _ scenario: Scenario, networkTick: Duration,
      describe: @escaping @Sendable (Payload) -> String = { String(describing: $0) }
    ) throws(InvalidScenario) {
      if let reason = scenario.validate() { throw InvalidScenario(reason: reason) }
      started = clock.now
      recorder = RunRecorder(replicas: scenario.replicas)
      network = Network(
        faults: NetworkFaults(scenario), seed: scenario.seed, tick: networkTick,
        recorder: recorder, describe: describe)
    }

    /// Wall time since the run started (the setup is its first step).
    public var elapsed: Duration { clock.now - started }
  }
}
