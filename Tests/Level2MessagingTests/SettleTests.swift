import CounterSpec
import Dispatch
import Synchronization
import Testing

@testable import Level2Messaging

/// `LiveRun.finish` times settling in gossip rounds that really happened, not in wall time
/// alone: replicas starved of the processor are waited for, not reported as stuck.
///
/// No threads here: `finish` gets no clients or replicas, and a scripted traffic reading that
/// says what the network and the gossip timers did.
@Suite(.timeLimit(.minutes(1)))
struct Level2SettleTests {
  let scenario = Scenario(replicas: 3, gossipIntervalMs: 30, settleMs: 300, seed: 1)

  /// Runs `finish` with replicas that never agree and a network that is always silent; `rounds`
  /// gives each replica's gossip count from the milliseconds since settling began.
  func settle(rounds: @escaping @Sendable (Int) -> [Int]) -> (LiveRun.Ending, Int) {
    let start = DispatchTime.now()
    let elapsedMs: @Sendable () -> Int = {
      Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
    }
    let ending = LiveRun.finish(
      scenario, recorder: RunRecorder(replicas: 3), clients: [], replicas: [], faultsOff: {},
      agree: { false },
      traffic: { LiveRun.Traffic(sent: 5, inFlight: 0, gossipRounds: rounds(elapsedMs())) },
      shutDown: { true })
    return (ending, elapsedMs())
  }

  @Test("without round counts, silence is three gossip periods of wall time")
  func wallTimeOnly() {
    let (ending, elapsed) = settle { _ in [] }
    #expect(ending.silent && !ending.settled)
    #expect(elapsed >= 90 && elapsed < 1_000)
  }

  @Test("a replica whose gossip timer is starved holds off silence until it has gossiped")
  func starvedReplicaIsWaitedFor() {
    // r2 does no round for 400 ms (its thread is starved), then one every 30 ms, like the rest.
    let (ending, elapsed) = settle { ms in [ms / 30, ms / 30, max(0, ms - 400) / 30] }
    #expect(ending.silent && !ending.settled)
    #expect(elapsed >= 490 && elapsed < 2_000)
  }

  @Test("replicas that never gossip give up only at the wall-clock cap")
  func capBoundsTheWait() {
    let (ending, elapsed) = settle { _ in [0, 0, 0] }
    #expect(!ending.silent && !ending.settled)
    #expect(elapsed >= LiveRun.settleCapMs && elapsed < LiveRun.settleCapMs + 2_000)
  }

  @Test("the recorder counts each replica's gossip timer events")
  func recorderCountsRounds() {
    let recorder = RunRecorder(replicas: 2)
    recorder.record(.timer(.replica(ReplicaID(1)), name: "gossip"))
    recorder.record(.timer(.replica(ReplicaID(1)), name: "gossip"))
    recorder.record(.timer(.replica(ReplicaID(0)), name: "retry"))
    recorder.record(.timer(.client(ClientID(0)), name: "gossip"))
    #expect(recorder.gossipRounds == [0, 2])
  }
}
