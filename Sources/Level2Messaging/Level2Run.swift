import CounterSpec
import Dispatch
import Foundation

/// Runs one Level 2 experiment: real threads, real time, a lossy network, and the shared checker.
///
/// One run starts a network, one thread per replica and per client, lets the clients do their
/// increments, switches network faults off, lets the replicas gossip until they agree (or
/// `settleMs` passes), stops every thread, and asks the checker for a verdict.
///
/// Running the same scenario twice, seed included, gives different traces and sometimes different
/// verdicts: the threads reach the shared generator and the shared recorder in a different order
/// every time. That is the Level 2 experience this module exists to show.
public enum Level2Run {
  /// A scenario that cannot be run, with the reason from `Scenario.validate()`.
  public struct InvalidScenario: Error, CustomStringConvertible {
    /// Why the scenario was refused.
    public let reason: String
    public var description: String { "invalid scenario: \(reason)" }
  }

  /// How long a stopping thread may take before a run gives up on it.
  static let joinTimeout = DispatchTimeInterval.seconds(2)

  /// Runs `scenario` once and returns what happened.
  ///
  /// Every wait is bounded: clients by their own retry budget (plus a margin), settling by
  /// `settleMs`, and each thread's shutdown by two seconds, so a run cannot hang. In practice the
  /// default scenario takes around a tenth of a second. Settling also ends early once the
  /// network has been silent for three gossip periods. Replicas that still disagree then break
  /// *convergence*; the violation names them, their values, and the requests one of them never
  /// learned.
  /// - Parameters:
  ///   - scenario: the experiment, seed included.
  ///   - replicaProtocol: what the replicas gossip (see `ReplicaProtocol`).
  ///   - networkTick: how much real time moves the network's generator on by one draw (see
  ///     `Network`); `.zero` leaves only the order of sends to decide who gets which draw.
  /// - Throws: `InvalidScenario` if `scenario.validate()` finds a problem.
  public static func run(
    _ scenario: Scenario, replicaProtocol: ReplicaProtocol = .flawed,
    networkTick: Duration = .microseconds(5)
  ) throws -> Result {
    try run(scenario, replicaProtocol: replicaProtocol, networkTick: networkTick) {
      network, recorder in
      scenario.replicaIDs.map {
        Replica(
          id: $0, replicas: scenario.replicas,
          gossipIntervalMs: replicaProtocol.gossipIntervalMs(scenario.gossipIntervalMs),
          network: network, recorder: recorder, replicaProtocol: replicaProtocol)
      }
    }
  }

  /// Runs `scenario` once with replicas that run `handlers` (your own variant, see
  /// `ReplicaHandlers`), on the same network, clients and checker as the built-in replica; the
  /// clients send their retries where `handlers.target(of:attempt:replicas:)` says.
  ///
  /// Bounded like `run(_:replicaProtocol:networkTick:)`, as long as no handler blocks for long.
  /// The result's `replicaProtocol` is `.flawed` (the protocol your copy started from).
  /// - Throws: `InvalidScenario` if `scenario.validate()` finds a problem.
  public static func run<Handlers: ReplicaHandlers>(
    _ scenario: Scenario, handlers: Handlers.Type, networkTick: Duration = .microseconds(5)
  ) throws -> Result {
    try run(
      scenario, replicaProtocol: .flawed, networkTick: networkTick,
      target: { Handlers.target(of: $0, attempt: $1, replicas: scenario.replicas) },
      makeReplicas: { network, recorder in
        scenario.replicaIDs.map {
          HandlerReplica<Handlers>(
            id: $0, replicas: scenario.replicas, scenarioGossipMs: scenario.gossipIntervalMs,
            network: network, recorder: recorder)
        }
      })
  }

  private static func run(
    _ scenario: Scenario, replicaProtocol: ReplicaProtocol, networkTick: Duration,
    target: (@Sendable (ClientID, Int) -> ReplicaID)? = nil,
    makeReplicas: (Network<Message>, RunRecorder) -> [any RunnableReplica]
  ) throws -> Result {
    if let reason = scenario.validate() { throw InvalidScenario(reason: reason) }
    let clock = ContinuousClock()
    let started = clock.now

    // 1) Wire everything up: a network, one thread per replica and per client.
    let recorder = RunRecorder(replicas: scenario.replicas)
    let network = Network<Message>(
      faults: NetworkFaults(scenario), seed: scenario.seed, tick: networkTick, recorder: recorder)
    let replicas = makeReplicas(network, recorder)
    let clients = scenario.clientIDs.map {
      Client(id: $0, scenario: scenario, network: network, recorder: recorder, target: target)
    }
    network.start()
    // A common origin a little ahead, so every thread is up when the clock starts: clients send
    // their first increments, and replicas gossip, in step (each round is a real race).
    let origin = DispatchTime.now() + .milliseconds(2)
    for replica in replicas { replica.start(origin: origin) }
    for client in clients { client.start(origin: origin) }

    // 2) Let the clients finish. Their worst case is every attempt timing out; past that (a
    //    starved machine) they are stopped, and the result says so.
    let clientBudgetMs =
      scenario.incrementsPerClient * scenario.maxAttempts * scenario.clientTimeoutMs + 1_000
    let clientDeadline = DispatchTime.now() + .milliseconds(clientBudgetMs)
    var clientsFinished = true
    for client in clients where !client.join(before: clientDeadline) {
      clientsFinished = false
      client.stop(before: .now() + joinTimeout)
    }

    // 3) Faults off; gossip until every replica holds the same state, or settling time is up,
    //    or the network has fallen silent: no message sent or in flight for three gossip
    //    periods. States change only when messages arrive, so silence means nothing will change
    //    any more (full-state gossip is never silent; delta gossip with no news is).
    network.faultsEnabled = false
    recorder.record(.note(nil, "clients done: network faults off, settling"))
    let settleStart = DispatchTime.now()
    let settleDeadline = settleStart + .milliseconds(scenario.settleMs)
    let silenceMs = 3 * scenario.gossipIntervalMs
    let silence = UInt64(silenceMs) * 1_000_000
    var lastSent = network.statistics.sent
    var quietSince = settleStart.uptimeNanoseconds
    var settled = false
    var silent = false
    while true {
      let states = replicas.map(\.snapshot)
      if states.allSatisfy({ $0 == states[0] }) {
        settled = true
        break
      }
      let now = DispatchTime.now()
      if now >= settleDeadline { break }
      let sent = network.statistics.sent
      if sent != lastSent || network.inFlightCount > 0 {
        lastSent = sent
        quietSince = now.uptimeNanoseconds
      } else if now.uptimeNanoseconds - quietSince >= silence {
        silent = true
        break
      }
      Thread.sleep(forTimeInterval: 0.001)
    }
    let waited =
      silent
      ? "with the network silent for \(silenceMs) ms" : "after \(scenario.settleMs) ms of settling"
    let outcome =
      settled
      ? "replicas agree"
      : silent
        ? "network silent for \(silenceMs) ms, replicas differ"
        : "settle time over, replicas differ"
    recorder.record(.note(nil, outcome))

    // 4) Stop the network first (nothing more is delivered), then the replicas, which handle
    //    what already reached their mailboxes and end.
    var joined = clients.allSatisfy { $0.join(before: .now() + joinTimeout) }
    joined = network.shutdown(before: .now() + joinTimeout) && joined
    for replica in replicas { joined = replica.stop(before: .now() + joinTimeout) && joined }

    // 5) The verdict.
    let finalStates = replicas.map(\.snapshot)
    let finalValues = finalStates.map(\.value)
    let disagreement = settled ? nil : Disagreement(finalStates, waited: waited)
    let violation = recorder.finish(finalValues: finalValues, disagreement: disagreement)
    return Result(
      scenario: scenario, replicaProtocol: replicaProtocol, trace: recorder.trace,
      observations: recorder.observations,
      finalValues: finalValues, violation: violation, wallTime: clock.now - started,
      clientsFinished: clientsFinished, settled: settled, disagreement: disagreement,
      threadsJoined: joined,
      network: network.statistics)
  }
}
