import CounterSpec
import Dispatch
import Foundation
import Level3Pure

import struct Level2Messaging.Envelope
import enum Level2Messaging.LiveRun
import class Level2Messaging.Network

/// Runs Level 3's pure replicas and clients, unchanged, on real threads with real time.
///
/// The simulator is one scheduler over the pure steps; this is the other way to run them, for
/// any `CounterReplica`. Each replica and each client
/// gets a thread that loops on its mailbox, hands what arrives to the pure `step`, and performs the
/// actions that come back: sends go over Level 2's lossy `Network`, timers through a
/// `TimerThread` that no fault touches, `persist` into an in-memory disk that answers
/// `.persisted` after `writeLatency`. Observations go to
/// Level 2's `RunRecorder` and the shared checker, exactly as a Level 2 run records them.
///
/// So a run has Level 2's nature (real delays, the operating system's scheduling, no replay) and
/// Level 3's code: whatever the simulator finds in `step`, a deployment of `step` has too.
public enum ThreadedRuntime {
  /// A scenario that cannot be run, with the reason from `Scenario.validate()`.
  public typealias InvalidScenario = LiveRun.InvalidScenario

  /// How long a disk write takes (the simulator's figure).
  public static let writeLatency = Duration.milliseconds(2)

  /// Runs `scenario` once, with the flawed replicas; see `run(_:_:networkTick:)`.
  public static func run(_ scenario: Scenario, networkTick: Duration = .microseconds(5)) throws
    -> Result
  {
    try run(FlawedReplica.self, scenario, networkTick: networkTick)
  }

  /// Runs `scenario` once, with replicas of type `R`, and returns what happened.
  ///
  /// The run starts the network, the timer thread and one thread per replica and per client;
  /// lets the clients finish (bounded by their retry budget plus a second); switches network
  /// faults off; waits until every replica holds the same tally or `settleMs` passes; stops every
  /// thread (each join bounded by two seconds); and asks the checker for a verdict. Crash and
  /// partition rates are ignored: this runtime has neither.
  /// - Parameters:
  ///   - scenario: the experiment, seed included (the seed drives the network's faults).
  ///   - R: the replicas' protocol (`FlawedReplica`, `FixedReplica`, a mutant, yours).
  ///   - networkTick: how much real time moves the network's generator on by one draw (see
  ///     `Network`).
  /// - Returns: the trace, the verdict, the final values and how the threads ended.
  /// - Throws: `InvalidScenario` if `scenario.validate()` finds a problem.
  public static func run<R: CounterReplica>(
    _: R.Type, _ scenario: Scenario, networkTick: Duration = .microseconds(5)
  ) throws -> Result {
    // 1) Wire up: a network, a timer thread, and one node per pure replica and pure client.
    let setup = try LiveRun.Setup<LivePacket>(
      scenario, networkTick: networkTick, describe: { $0.description })
    let (recorder, network) = (setup.recorder, setup.network)
    let timers = TimerThread<Envelope<LivePacket>>()
    let replicas = scenario.replicaIDs.map { id in
      ReplicaNode(
        R(id: id, config: ReplicaConfig(scenario)), id: id, network: network, timers: timers,
        recorder: recorder, writeLatency: writeLatency)
    }
    let clients = scenario.clientIDs.map { id in
      ClientNode(
        Client(id: id, scenario: scenario), network: network, timers: timers, recorder: recorder)
    }
    network.start()
    timers.start()
    for replica in replicas { replica.start() }
    for client in clients { client.start() }

    // 2) Let the clients finish, settle, stop: the end every live run shares (Level 2's too).
    let ending = LiveRun.finish(
      scenario, recorder: recorder, clients: clients, replicas: replicas,
      faultsOff: { network.faultsEnabled = false },
      agree: {
        let now = replicas.map(\.snapshot)
        return now.allSatisfy { $0.known == now[0].known && $0.value == now[0].value }
      },
      shutDown: {
        let network = network.shutdown(before: .now() + LiveRun.joinTimeout)
        return timers.shutdown(before: .now() + LiveRun.joinTimeout) && network
      })

    // 3) The verdict.
    let finalReplicas = replicas.map(\.snapshot)
    let finalValues = finalReplicas.map(\.value)
    let finalKnown = finalReplicas.map(\.known)
    let violation = recorder.finish(values: finalValues, known: finalKnown)
    let report = LiveRun.Report(
      scenario: scenario, trace: recorder.trace, observations: recorder.observations,
      finalValues: finalValues, violation: violation, wallTime: setup.elapsed,
      ending: ending, network: network.statistics)
    return Result(
      run: report, protocolName: R.protocolName, finalKnown: finalKnown,
      persisted: replicas.map(\.persisted), mostWaiting: replicas.map(\.mostWaiting))
  }
}
