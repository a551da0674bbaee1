import CounterSpec
import Level3Pure

/// Breadth-first search over every state a `Cluster` of `R` replicas can reach within `Bounds`.
///
/// Time is abstracted away: any enabled choice may happen next (deliver, drop or duplicate a
/// message, fire a timer, complete a write, crash, restart), as long as its budget allows. Each
/// successor is a whole `Cluster` value, kept only if it is new (a `Set` of visited states). The
/// cluster checks the safety properties on every state as it applies a choice; on every quiet
/// state the search also settles a copy without faults and asks for convergence. Because the
/// search goes level by level, the first violation found is at the smallest depth there is.
/// Pure: no clock, no I/O, no threads; progress is reported through a callback.
public enum Explorer<R: CounterReplica> {
  /// How far a running search has come.
  public struct Progress: Equatable, Sendable {
    /// Distinct states found so far.
    public let states: Int
    /// Transitions taken so far.
    public let transitions: Int
    /// The breadth-first level being expanded.
    public let depth: Int
  }

  /// A cluster and the fault budget spent to reach it, with its hash computed once (the set
  /// asks for it again whenever it grows).
  struct State: Hashable {
    let cluster: Cluster<R>
    let spent: Spent
    let hash: Int

    init(cluster: consuming Cluster<R>, spent: Spent = Spent()) {
      var hasher = Hasher()
      cluster.hash(into: &hasher)  // a direct call reaches the code compiled for `R`
      spent.hash(into: &hasher)
      hash = hasher.finalize()
      self.spent = spent
      self.cluster = cluster
    }

    static func == (a: State, b: State) -> Bool {
      a.hash == b.hash && a.spent == b.spent && a.cluster == b.cluster
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
  }

  /// Faults and timer firings used so far, each against its bound.
  struct Spent: Hashable {
    var drops = 0
    var duplicates = 0
    var crashes = 0
    var retries = 0
    var gossips = 0

    /// `self` after `choice`, or `nil` when its budget is spent.
    func after(_ choice: Choice, _ bounds: Bounds) -> Spent? {
      switch choice {
      case .drop: after(.drop, bounds)
      case .duplicate: after(.duplicate, bounds)
      case .crash: after(.crash, bounds)
      case .fire(.client): after(.fireClient, bounds)
      case .fire(.replica): after(.fireReplica, bounds)
      case .deliver, .completeWrite, .restart, .cut, .heal: self
      }
    }

    /// `self` after a choice of kind `kind`, or `nil` when its budget is spent.
    @inline(__always)
    func after(_ kind: EnabledChoice.Kind, _ bounds: Bounds) -> Spent? {
      guard affordable(bounds) & 1 << kind.rawValue != 0 else { return nil }
      return Spent(word: word &+ Self.cost(of: kind))
    }

    /// The kinds of choice whose budget has room for one more (bit `kind.rawValue` set): the
    /// budget rule of both searches.
    @inline(__always)
    func affordable(_ bounds: Bounds) -> UInt16 {
      var mask: UInt16 = 0xFF
      func spent(_ kind: EnabledChoice.Kind) { mask &= ~(1 << kind.rawValue) }
      if drops >= bounds.drops { spent(.drop) }
      if duplicates >= bounds.duplicates { spent(.duplicate) }
      if crashes >= bounds.crashes { spent(.crash) }
      if retries >= bounds.retries { spent(.fireClient) }
      if gossips >= bounds.gossips { spent(.fireReplica) }
      return mask
    }
  }

  /// Explores `bounds` completely, or up to the first violation.
  /// - Parameters:
  ///   - stateLimit: the search stops (and says so) after this many states.
  ///   - progressEvery: how many expanded states between two calls of `progress`.
  /// - Complexity: O(states × choices per state × size of a state).
  @_specialize(exported:true,where R == FixedReplica)  // speed only: the catalogue's
  @_specialize(exported:true,where R == FlawedReplica)  // own types, compiled for them
  public static func explore(
    _ bounds: Bounds, stateLimit: Int = 5_000_000, progressEvery: Int = 1 << 16,
    progress: (Progress) -> Void = { _ in }
  ) -> Exploration {
    precondition(bounds.validate() == nil, bounds.validate() ?? "")
    var cluster = Cluster<R>(scenario: bounds.scenario, recordsTrace: false)
    cluster.recordsEffects = false  // nothing here gives a message or a timer a time
    let start = State(cluster: cluster)
    var visited: Set<State> = [start]
    var frontier: [State?] = [start]  // in discovery order; emptied once expanded
    var search = BreadthFirst(  // levels, counts, paths, checks
      bounds: bounds, for: R.self, stateLimit: stateLimit, progressEvery: progressEvery)

    while let head = search.next(states: frontier.count, progress: progress) {
      let state = frontier[head]!
      frontier[head] = nil
      for (position, choice) in state.cluster.enabledChoices().enumerated() {
        guard let spent = state.spent.after(choice, bounds) else { continue }
        var next = state.cluster
        next.apply(choice)
        guard next.inFlight.count <= bounds.maxInFlight else { continue }
        search.transitions += 1
        let successor = State(cluster: next, spent: spent)
        guard visited.insert(successor).inserted else { continue }
        frontier.append(successor)
        // Safety on every new state, convergence on a quiet one (`BreadthFirst.found`).
        if let end = search.found(next, by: position, states: visited.count, from: start.cluster) {
          return end
        }
      }
    }
    return search.end(states: visited.count)
  }
}
