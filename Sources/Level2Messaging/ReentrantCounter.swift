/// The Level 2 flaw inside one process: an actor that checks, suspends, then acts.
///
/// An actor runs one call at a time, but only between suspension points. `increment(_:)` checks
/// whether it has seen the request, awaits a (simulated) write-ahead log, and only then records
/// the request. A retry of the same request that arrives during the `await` passes the same check
/// and is counted again. Swift 6 compiles this without a warning: there is no data race, only a
/// decision made on knowledge that went stale during the suspension. The course's reentrancy
/// sidebar (Levels/2-AsyncMessaging.md) quotes it; `workshop level2 actors` runs it.
public actor ReentrantCounter {
  private var seen: Set<Int> = []
  /// How many increments were counted.
  public private(set) var value = 0

  /// Creates a counter at zero that has seen no request.
  public init() {}

  /// Counts `request` unless it was seen before.
  public func increment(_ request: Int) async {
    guard !seen.contains(request) else { return }  // 1) check
    await writeAheadLog(request)  // 2) suspend: other calls run here
    seen.insert(request)  // 3) act on a stale check
    value += 1
  }

  private func writeAheadLog(_ request: Int) async {
    try? await Task.sleep(for: .milliseconds(1))
  }
}

/// The experiment behind the reentrancy sidebar: a request and its retry, sent concurrently to a
/// fresh `ReentrantCounter`, trial after trial.
public enum ReentrancyExperiment {
  /// What a batch of trials showed.
  public struct Outcome: Equatable, Sendable, CustomStringConvertible {
    /// Trials run.
    public var trials = 0
    /// Trials in which the one request was counted twice.
    public var countedTwice = 0

    /// Creates an outcome of `countedTwice` double counts in `trials` trials.
    public init(trials: Int = 0, countedTwice: Int = 0) {
      self.trials = trials
      self.countedTwice = countedTwice
    }

    /// For example `counted one request twice in 20 of 20 trials`.
    public var description: String {
      "counted one request twice in \(countedTwice) of \(trials) trials"
    }
  }

  /// Runs `trials` trials: each calls `increment(42)` twice at once on a fresh counter (a request
  /// and its retry) and looks at the value.
  /// - Complexity: about a millisecond per trial (the simulated log write).
  public static func run(trials: Int) async -> Outcome {
    var outcome = Outcome()
    for _ in 0..<max(0, trials) {
      let counter = ReentrantCounter()
      async let request: Void = counter.increment(42)
      async let retry: Void = counter.increment(42)
      _ = await (request, retry)
      outcome.trials += 1
      if await counter.value > 1 { outcome.countedTwice += 1 }
    }
    return outcome
  }
}
