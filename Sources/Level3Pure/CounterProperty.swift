import CounterSpec

/// A property of your own: a check over a whole cluster state, run after every transition.
///
/// The built-in properties (`CounterSpec.Property`) are checked by the cluster itself. One of
/// yours is checked by whoever replays a run with it: `Schedule.firstBreak(of:_:)` evaluates it
/// on the start state and after every choice that applied, so it sees exactly the states the
/// simulator, the explorer and a replay pass through. It must be pure: read the cluster, decide.
public protocol CounterProperty: Sendable {
  /// A few words, for example `no value above the issued count`.
  var name: String { get }
  /// Whether `cluster` breaks the property now.
  /// - Returns: `nil` when it holds; otherwise one line that names what broke (the request, the
  ///   replica).
  func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String?
}

/// Where a property of your own first broke in a replay.
public struct PropertyBreak: Equatable, Sendable, CustomStringConvertible {
  /// How many choices had applied when it broke (0: in the start state).
  public let step: Int
  /// The choice that led to the breaking state (`nil` for the start state).
  public let choice: Choice?
  /// The property's own line.
  public let reason: String

  /// Creates a record.
  public init(step: Int, choice: Choice?, reason: String) {
    self.step = step
    self.choice = choice
    self.reason = reason
  }

  /// `after choice 4 (deliver r0 -> c0  ack c0#1): c0#1 is acknowledged and on no disk`.
  public var description: String {
    guard let choice else { return "in the start state: \(reason)" }
    return "after choice \(step) (\(choice)): \(reason)"
  }
}

extension Schedule {
  /// Replays the choices on a fresh cluster of `R` replicas and evaluates `property` on the
  /// start state and after every choice that applied, up to and including the state where a
  /// built-in property broke (the cluster stops there).
  /// - Returns: the first state that breaks `property`, or `nil`.
  public func firstBreak<R: CounterReplica>(of property: some CounterProperty, _: R.Type)
    -> PropertyBreak?
  {
    var cluster = Cluster<R>(scenario: scenario, recordsTrace: false)
    if let reason = property.violation(in: cluster) {
      return PropertyBreak(step: 0, choice: nil, reason: reason)
    }
    var step = 0
    for choice in choices {
      guard !cluster.isBroken else { break }
      guard let used = cluster.apply(choice) else { continue }
      step += 1
      if let reason = property.violation(in: cluster) {
        return PropertyBreak(step: step, choice: used, reason: reason)
      }
    }
    return nil
  }
}
