import CounterSpec
import Level3Pure

import enum Level2Messaging.LiveRun

extension ThreadedRuntime {
  /// What one threaded run did: the report every live run gives (`LiveRun.Report`: trace,
  /// observations, verdict, how the threads ended; read its fields straight from here, for
  /// example `result.trace`), plus the protocol that ran, what each replica knew at the end,
  /// what reached its disk and how many requests waited for it at most.
  @dynamicMemberLookup
  public struct Result: Sendable {
    /// The report every live run gives.
    public let run: LiveRun.Report
    /// The protocol the pure replicas ran (`CounterReplica.protocolName`).
    public let protocolName: String
    /// The requests each replica knew of after every thread stopped.
    public let finalKnown: [RequestSet]
    /// Each replica's in-memory disk: the tally of its last completed write (`nil`: none).
    public let persisted: [Tally?]
    /// For each replica, the most client requests that waited at once for it to be ready
    /// (`CounterReplica.isReadyForRequest`); all 0 for a replica that takes every request.
    public let mostWaiting: [Int]

    /// A field of `run`.
    public subscript<T>(dynamicMember field: KeyPath<LiveRun.Report, T>) -> T {
      run[keyPath: field]
    }
  }
}
