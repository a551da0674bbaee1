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
  public typealias InvalidScenario = LiveRun.InvalidScenario

  /// Runs `scenario` once and returns what happened.
  ///
  /// Every wait is bounded: clients by their own retry budget (plus a margin), settling by
  /// `settleMs`, and each thread's shutdown by two seconds, so a run cannot hang. In practice the
  /// default scenario takes around a tenth of a second. Settling also ends early once the
  /// network has been silent for three gossip periods. On a loaded machine both waits also
  /// count gossip rounds that really happened (see `LiveRun.finish`), so settling can take up
  /// to `LiveRun.settleCapMs`. Replicas that still disagree then break
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
    // 1) Wire everything up: a network, one thread per replica and per client.
    let setup = try LiveRun.Setup<Message>(scenario, networkTick: networkTick)
    let (recorder, network) = (setup.recorder, setup.network)
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

    // 2) Let the clients finish, settle, stop: the end every live run shares.
    let ending = LiveRun.finish(
      scenario, recorder: recorder, clients: clients, replicas: replicas,
      faultsOff: { network.faultsEnabled = false },
      agree: {
        let states = replicas.map(\.snapshot)
        return states.allSatisfy { $0 == states[0] }
      },
      traffic: {
        LiveRun.Traffic(
          sent: network.statistics.sent, inFlight: network.inFlightCount,
          gossipRounds: recorder.gossipRounds)
      },
      shutDown: { network.shutdown(before: .now() + LiveRun.joinTimeout) })

    // 3) The verdict. Replicas that still differ break convergence; the violation names them,
    //    their values, and the requests one of them never learned.
    let finalStates = replicas.map(\.snapshot)
    let finalValues = finalStates.map(\.value)
    let disagreement =
      ending.settled ? nil : Disagreement(finalStates, waited: ending.waited(scenario))
    let violation = recorder.finish(finalValues: finalValues, disagreement: disagreement)
    return Result(
      scenario: scenario, replicaProtocol: replicaProtocol, trace: recorder.trace,
      observations: recorder.observations,
      finalValues: finalValues, violation: violation, wallTime: setup.elapsed,
      ending: ending, disagreement: disagreement, network: network.statistics)
  }
}
