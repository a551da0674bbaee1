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
    /// Whether settling ended early because the network fell silent (nothing sent or in flight
    /// for three gossip periods) while the replicas still differed.
    public let silent: Bool
    /// Whether every thread of the run ended before the run returned.
    public let threadsJoined: Bool

    /// How long the run waited for the replicas to agree, for example `after 300 ms of
    /// settling` or `with the network silent for 60 ms`.
    public func waited(_ scenario: Scenario) -> String {
      silent
        ? "with the network silent for \(3 * scenario.gossipIntervalMs) ms"
        : "after \(scenario.settleMs) ms of settling"
    }
  }

  /// What the network has done so far, for the silence test while settling.
  public struct Traffic: Equatable, Sendable {
    /// Messages sent so far.
    public let sent: Int
    /// Messages sent and not yet delivered or dropped.
    public let inFlight: Int
    /// How many times each replica's gossip timer has fired so far (`RunRecorder.gossipRounds`);
    /// empty: settling and silence are timed by the wall clock alone.
    public let gossipRounds: [Int]

    /// Creates a reading.
    public init(sent: Int, inFlight: Int, gossipRounds: [Int] = []) {
      self.sent = sent
      self.inFlight = inFlight
      self.gossipRounds = gossipRounds
    }
  }

  /// The most wall time settling may take when the replicas' threads are starved and their
  /// gossip rounds lag behind the clock (see `finish`).
  public static let settleCapMs = 5_000

  /// How long a stopping thread may take before a run gives up on it.
  public static let joinTimeout = DispatchTimeInterval.seconds(2)

  /// Runs the shared end of a live run. Every wait is bounded: the clients by their own retry
  /// budget plus a second, settling by `settleMs`, each thread's stop by two seconds.
  ///
  /// Settling also ends early once the network has been silent for three gossip periods: no
  /// message sent or in flight. States change only when messages arrive, so silence means
  /// nothing will change any more (full-state gossip is never silent; delta gossip with no news
  /// is).
  ///
  /// When `traffic` reports gossip rounds, time is counted in rounds that really happened as
  /// well: silence also needs every replica's gossip timer to fire three times while the network
  /// stays silent, and giving up needs `settleMs / gossipIntervalMs` rounds of every replica
  /// since settling began. On a quiet machine rounds keep pace with the clock and nothing
  /// changes; on a loaded one, replicas starved of the processor are waited for, not reported
  /// as stuck, up to `settleCapMs` of wall time.
  /// - Parameters:
  ///   - faultsOff: switches the network's faults off once the clients are done.
  ///   - agree: whether the replicas hold the same state now (polled every millisecond).
  ///   - traffic: what the network and the gossip timers have done so far (`nil`: settling never
  ///     ends early and is timed by the wall clock alone).
  ///   - shutDown: stops the network and any other service threads, nothing more delivered;
  ///     returns whether they ended in time. The replicas are stopped after it.
  public static func finish(
    _ scenario: Scenario, recorder: RunRecorder, clients: [any LiveClient],
    replicas: [any LiveReplica], faultsOff: () -> Void, agree: () -> Bool,
    traffic: (() -> Traffic)? = nil, shutDown: () -> Bool
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

    // 2) Faults off; wait until every replica holds the same state, or settling time is up, or
    //    the network has fallen silent.
    faultsOff()
    recorder.record(.note(nil, "clients done: network faults off, settling"))
    let settleStart = DispatchTime.now()
    let settleDeadline = settleStart + .milliseconds(scenario.settleMs)
    let settleCap = settleStart + .milliseconds(max(scenario.settleMs, settleCapMs))
    let settleRounds = max(1, scenario.settleMs / scenario.gossipIntervalMs)
    let silenceRounds = 3
    let silenceMs = silenceRounds * scenario.gossipIntervalMs
    let silence = UInt64(silenceMs) * 1_000_000
    let first = traffic?()
    let settleStartRounds = first?.gossipRounds ?? []
    var lastSent = first?.sent
    var quietSince = settleStart.uptimeNanoseconds
    var quietSinceRounds = settleStartRounds
    var settled = false
    var silent = false
    while true {
      if agree() {
        settled = true
        break
      }
      let now = DispatchTime.now()
      if now >= settleCap { break }
      let reading = traffic?()
      let rounds = reading?.gossipRounds ?? []
      if now >= settleDeadline && roundsSince(settleStartRounds, rounds) >= settleRounds { break }
      if let reading {
        if reading.sent != lastSent || reading.inFlight > 0 {
          lastSent = reading.sent
          quietSince = now.uptimeNanoseconds
          quietSinceRounds = rounds
        } else if now.uptimeNanoseconds - quietSince >= silence
          && roundsSince(quietSinceRounds, rounds) >= silenceRounds
        {
          silent = true
          break
        }
      }
      Thread.sleep(forTimeInterval: 0.001)
    }
    let outcome =
      settled
      ? "replicas agree"
      : silent
        ? "network silent for \(silenceMs) ms, replicas differ"
        : "settle time over, replicas differ"
    recorder.record(.note(nil, outcome))

    // 3) Stop the network (and timers) first, so nothing more is delivered, then the replicas,
    //    which handle what already reached their mailboxes and end.
    joined = shutDown() && joined
    for replica in replicas { joined = replica.stop(before: .now() + joinTimeout) && joined }
    return Ending(
      clientsFinished: clientsFinished, settled: settled, silent: silent, threadsJoined: joined)
  }

  /// The fewest gossip rounds any replica did between two readings; unbounded when rounds are
  /// not counted (empty readings), so the wall clock alone decides.
  private static func roundsSince(_ start: [Int], _ now: [Int]) -> Int {
    guard !now.isEmpty, now.count == start.count else { return Int.max }
    return zip(start, now).map { $1 - $0 }.min() ?? Int.max
  }
}
