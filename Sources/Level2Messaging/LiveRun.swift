import CounterSpec
import Dispatch
import Foundation

/// A client's thread in a live run: it ends by itself when its increments are done.
public protocol LiveClient: Sendable {
  /// Waits for the thread to end, but not past `deadline`; returns whether it ended.
  func join(before deadline: DispatchTime) -> Bool
  /// Makes the thread end at its next wait, then waits for it as `join` does.
  func stop(before deadline: DispatchTime) -> Bool
}

/// A replica's thread in a live run: it runs until stopped.
public protocol LiveReplica: Sendable {
  /// Ends the thread once it has handled what already reached it; returns whether it ended
  /// before `deadline`.
  func stop(before deadline: DispatchTime) -> Bool
}

/// The end of every live run, Level 2's and live Level 3's alike: once the threads are started,
/// let the clients finish, turn network faults off, wait for the replicas to agree, stop
/// everything, and say how it went.
public enum LiveRun {
  /// How the threads of a run ended.
  public struct Ending: Equatable, Sendable {
    /// Whether every client finished its increments within its retry budget.
    public let clientsFinished: Bool
    /// Whether the replicas agreed before `settleMs` ran out.
    public let settled: Bool
    /// Whether every thread of the run ended before the run returned.
    public let threadsJoined: Bool
  }

  /// How long a stopping thread may take before a run gives up on it.
  public static let joinTimeout = DispatchTimeInterval.seconds(2)

  /// Runs the shared end of a live run. Every wait is bounded: the clients by their own retry
  /// budget plus a second, settling by `settleMs`, each thread's stop by two seconds.
  /// - Parameters:
  ///   - faultsOff: switches the network's faults off once the clients are done.
  ///   - agree: whether the replicas hold the same state now (polled every millisecond).
  ///   - shutDown: stops the network and any other service threads, nothing more delivered;
  ///     returns whether they ended in time. The replicas are stopped after it.
  public static func finish(
    _ scenario: Scenario, recorder: RunRecorder, clients: [any LiveClient],
    replicas: [any LiveReplica], faultsOff: () -> Void, agree: () -> Bool,
    shutDown: () -> Bool
  ) -> Ending {
    // 1) Let the clients finish. Their worst case is every attempt timing out; past that (a
    //    starved machine) they are stopped, and the ending says so.
    let clientBudgetMs =
      scenario.incrementsPerClient * scenario.maxAttempts * scenario.clientTimeoutMs + 1_000
    let clientDeadline = DispatchTime.now() + .milliseconds(clientBudgetMs)
    var clientsFinished = true
    var joined = true
    for client in clients where !client.join(before: clientDeadline) {
      clientsFinished = false
      joined = client.stop(before: .now() + joinTimeout) && joined
    }

    // 2) Faults off; wait until every replica holds the same state, or settling time is up.
    faultsOff()
    recorder.record(.note(nil, "clients done: network faults off, settling"))
    let settleDeadline = DispatchTime.now() + .milliseconds(scenario.settleMs)
    var settled = false
    while true {
      if agree() {
        settled = true
        break
      }
      if DispatchTime.now() >= settleDeadline { break }
      Thread.sleep(forTimeInterval: 0.001)
    }
    recorder.record(.note(nil, settled ? "replicas agree" : "settle time over, replicas differ"))

    // 3) Stop the network (and timers) first, so nothing more is delivered, then the replicas,
    //    which handle what already reached their mailboxes and end.
    joined = shutDown() && joined
    for replica in replicas { joined = replica.stop(before: .now() + joinTimeout) && joined }
    return Ending(clientsFinished: clientsFinished, settled: settled, threadsJoined: joined)
  }
}
