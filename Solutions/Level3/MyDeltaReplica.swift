import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 3.8, solved: on most rounds a gossip carries only the requests this replica counted
/// since its last one (as `--protocol stuck` does); on every fourth, the whole state
/// (anti-entropy), so whatever a drop or a crash lost is sent again within four rounds.
public struct MyDeltaReplica: FixedVariant, PureCounterReplica {
  /// The fixed replica underneath.
  public var base: FixedReplica
  /// The requests counted here since the last gossip.
  public private(set) var unsent = RequestSet()
  /// Gossip rounds since the start (or the restart).
  public private(set) var round = 0

  /// `my-delta`.
  public static var protocolName: String { "my-delta" }

  /// Wraps `base`.
  public init(base: FixedReplica) { self.base = base }

  /// The fixed step; a gossip carries only what was counted here since the last one, except
  /// every fourth, which carries everything.
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    if case .requested(let request, _) = input, !base.known.contains(request) {
      _ = unsent.insert(request)
    }
    let first = actions.count
    base.step(input, into: &actions)
    guard case .timerFired(.gossip) = input else { return }
    round += 1
    let news = unsent
    unsent = RequestSet()
    if round % 4 == 0 { return }  // the whole state: repairs any earlier loss
    let delta = Tally(slots: Array(repeating: 0, count: base.config.replicas), known: news)
    var index = first
    while index < actions.count {
      if case .sync(_, let peer) = actions[index] {
        if news.isEmpty {
          actions.remove(at: index)
          continue
        }
        actions[index] = .sync(delta, to: peer)
      }
      index += 1
    }
  }
}
