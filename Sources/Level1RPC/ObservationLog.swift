import CounterSpec
import Synchronization

/// A thread-safe, append-only list of `Observation`s, in the order they were made.
///
/// Server threads append `valueChanged`, the client's thread appends `issued` and `acknowledged`;
/// at the end the whole list goes to the shared `SpecChecker`.
public final class ObservationLog: Sendable {
  private let entries = Mutex<[Observation]>([])

  /// Creates an empty log.
  public init() {}

  /// Appends one observation.
  public func append(_ observation: Observation) {
    entries.withLock { $0.append(observation) }
  }

  /// Every observation so far, in order.
  public var observations: [Observation] { entries.withLock { $0 } }

  /// A `LocalCounter` that logs each of its changes as a change of `replica`.
  ///
  /// The cause is `nil`: a Level 1 server has no idea which logical increment it is applying.
  public func counter(for replica: ReplicaID) -> LocalCounter {
    LocalCounter { [self] value in append(.valueChanged(replica, to: value, cause: nil)) }
  }
}
