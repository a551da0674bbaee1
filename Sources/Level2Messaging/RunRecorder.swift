import CounterSpec
import Synchronization

/// The shared notebook of a concurrent run: trace events and spec observations, in one order.
///
/// Every thread of a run (replicas, clients, the network) writes here. One lock covers both the
/// trace and the observations, so the order written is the order things really happened, and the
/// checker sees observations in that order. The first violation the checker reports is also
/// written into the trace, at the point where it happened.
public final class RunRecorder: Sendable {
  private struct State {
    var trace = Trace()
    var observations: [Observation] = []
    var checker: SpecChecker
    var violation: Violation?
    var gossipRounds: [Int]
  }

  private let state: Mutex<State>

  /// Creates an empty recorder for a cluster of `replicas` replicas.
  public init(replicas: Int) {
    state = Mutex(
      State(
        checker: SpecChecker(replicas: replicas),
        gossipRounds: Array(repeating: 0, count: replicas)))
  }

  /// Appends a trace event. Level 2 records no time (`TraceEvent.time` stays `nil`), so
  /// fingerprints compare interleavings, not clock noise.
  ///
  /// A replica's `gossip` timer event also counts one gossip round for it (see `gossipRounds`).
  public func record(_ kind: TraceEvent.Kind) {
    state.withLock { state in
      state.trace.append(kind)
      if case .timer(.replica(let id), name: "gossip") = kind,
        state.gossipRounds.indices.contains(id.index)
      {
        state.gossipRounds[id.index] += 1
      }
    }
  }

  /// How many times each replica's gossip timer has fired so far (its `gossip` timer events),
  /// by replica index: the rounds that really happened, however the threads were scheduled.
  public var gossipRounds: [Int] { state.withLock { $0.gossipRounds } }

  /// Feeds `observation` to the checker and, in the same step, appends `event` (if any) to the
  /// trace, so the two can never be separated by another thread's writes.
  public func observe(_ observation: Observation, event: TraceEvent.Kind? = nil) {
    state.withLock { state in
      if let event { state.trace.append(event) }
      state.observations.append(observation)
      if let violation = state.checker.record(observation), state.violation == nil {
        state.violation = violation
        state.trace.append(.violation(violation))
      }
    }
  }

  /// Runs the checker's end-of-run checks against `finalValues` and returns the run's first
  /// violation, whether it happened during the run or shows only now.
  ///
  /// - Parameter disagreement: how the replicas still differed when the run stopped waiting for
  ///   them to agree, if they did. When it breaks convergence (see `Disagreement`), that is the
  ///   verdict, naming the replicas and what one of them never learned, ahead of the checker's
  ///   own end-of-run checks, unless a violation already happened during the run.
  public func finish(finalValues: [Int], disagreement: Disagreement? = nil) -> Violation? {
    state.withLock { state in
      if state.violation == nil, let disagreement, disagreement.breaksConvergence {
        let violation = Violation(
          property: .convergence, replica: disagreement.replica, request: disagreement.request,
          step: state.checker.step, detail: disagreement.detail)
        state.violation = violation
        state.trace.append(.violation(violation))
      }
      if state.violation == nil, let violation = state.checker.finish(finalValues: finalValues) {
        state.violation = violation
        state.trace.append(.violation(violation))
      }
      return state.violation
    }
  }

  /// Runs the checker's end-of-run checks by what each replica knows (see
  /// `SpecChecker.finish(values:known:)`, which names the replicas and requests) and returns the
  /// run's first violation.
  public func finish(values: [Int], known: [RequestSet]) -> Violation? {
    state.withLock { state in
      if state.violation == nil, let violation = state.checker.finish(values: values, known: known)
      {
        state.violation = violation
        state.trace.append(.violation(violation))
      }
      return state.violation
    }
  }

  /// The trace so far.
  public var trace: Trace { state.withLock { $0.trace } }

  /// The observations so far, in the order they were recorded.
  public var observations: [Observation] { state.withLock { $0.observations } }

  /// The first violation seen so far, if any.
  public var violation: Violation? { state.withLock { $0.violation } }
}
