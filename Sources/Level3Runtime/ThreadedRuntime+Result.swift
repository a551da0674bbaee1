import CounterSpec
import Level3Pure

import struct Level2Messaging.NetworkStatistics

extension ThreadedRuntime {
  /// What one threaded run did: its trace, what the checker saw, and how it ended.
  ///
  /// The fields match `Level2Run.Result`, plus the protocol that ran, what each replica knew at
  /// the end and what reached its disk.
  public struct Result: Sendable {
    /// The scenario that ran.
    public let scenario: Scenario
    /// The protocol the pure replicas ran (`CounterReplica.protocolName`).
    public let protocolName: String
    /// Every delivery, drop, duplicate, timer and value change, in the order they happened
    /// (no times: real time does not replay, so fingerprints compare interleavings).
    public let trace: Trace
    /// What the checker was fed, in order.
    public let observations: [Observation]
    /// Each replica's value after every thread stopped.
    public let finalValues: [Int]
    /// The requests each replica knew of after every thread stopped.
    public let finalKnown: [RequestSet]
    /// Each replica's in-memory disk: the tally of its last completed write (`nil`: none).
    public let persisted: [Tally?]
    /// The first broken property, or `nil` if the run kept all three.
    public let violation: Violation?
    /// How long the run took on the wall clock.
    public let wallTime: Duration
    /// Whether every client finished its increments within its retry budget.
    public let clientsFinished: Bool
    /// Whether the replicas agreed before `settleMs` ran out.
    public let settled: Bool
    /// Whether every thread of the run (nodes, network, timers) ended before `run` returned.
    public let threadsJoined: Bool
    /// What the network did with the messages.
    public let network: NetworkStatistics

    /// The trace's fingerprint: equal fingerprints mean the same interleaving.
    public var fingerprint: UInt64 { trace.fingerprint }
  }
}
