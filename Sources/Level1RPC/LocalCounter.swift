import Synchronization

/// A counter in this process's memory; the thing a `CounterServer` serves.
///
/// Safe to share between threads. It can report every change through `onChange`, which is how the
/// demos feed the shared `SpecChecker` with what the server really counted.
public final class LocalCounter: Counter {
  private let count = Mutex(0)
  private let onChange: (@Sendable (Int) -> Void)?

  /// Creates a counter at zero.
  /// - Parameter onChange: called with the new value after each increment, on the calling
  ///   thread, while no lock is held.
  public init(onChange: (@Sendable (Int) -> Void)? = nil) {
    self.onChange = onChange
  }

  /// Adds one. Never fails.
  public func increment() {
    let value = count.withLock { count in
      count += 1
      return count
    }
    onChange?(value)
  }

  /// Returns the current value. Never fails.
  public func value() -> Int { count.withLock { $0 } }
}
