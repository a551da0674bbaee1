import CounterSpec
import Level3Pure

/// A cluster driven by hand: the choices applied so far, every state on the way (for undo), and
/// the first property broken on the way.
///
/// A thin shell over `Cluster`: the choices offered are `enabledChoices()`, a choice is applied
/// with `apply(_:)`, and nothing here interprets an action. Because a cluster is a value, undo is
/// dropping the last state. `StepperShell` reads commands and prints `StepperScreen`s.
public struct Stepper<R: CounterReplica> {
  /// One state on the path: how it was reached, and the first violation up to it.
  public struct Step {
    /// The cluster after the choice.
    public var cluster: Cluster<R>
    /// The choice that led here (`nil` for the start).
    public var choice: Choice?
    /// The first property broken on the path up to here, kept when the learner goes on past it.
    public var firstViolation: Violation?
  }

  /// The cluster's numbers.
  public let scenario: Scenario
  /// The start and every state after it; never empty.
  public private(set) var path: [Step]

  /// A fresh cluster of `scenario`.
  public init(scenario: Scenario) {
    self.scenario = scenario
    path = [Step(cluster: Cluster(scenario: scenario), choice: nil, firstViolation: nil)]
  }

  /// The cluster now.
  public var cluster: Cluster<R> { path[path.count - 1].cluster }

  /// The choices applied so far, in order.
  public var applied: [Choice] { path.dropFirst().map { $0.choice! } }

  /// The first property broken on the way here, if any (also after going on past it).
  public var firstViolation: Violation? { path[path.count - 1].firstViolation }

  /// The choices that apply now, numbered from 1 on the screen.
  public var choices: [Choice] { cluster.enabledChoices() }

  /// The choices applied so far, as a schedule `Stepper(replaying:)` and the other tools read.
  public var schedule: Schedule {
    Schedule(scenario: scenario, protocolName: R.protocolName, choices: applied)
  }

  /// Applies `choice`; returns whether it applied (it does not once a property is broken, until
  /// `keepGoing()`, nor when it is not enabled now).
  @discardableResult
  public mutating func apply(_ choice: Choice) -> Bool {
    var next = cluster
    guard let used = next.apply(choice) else { return false }
    path.append(
      Step(cluster: next, choice: used, firstViolation: firstViolation ?? next.violation))
    return true
  }

  /// Goes back one choice; returns whether there was one.
  @discardableResult
  public mutating func undo() -> Bool {
    guard path.count > 1 else { return false }
    path.removeLast()
    return true
  }

  /// Sets the current violation aside so choices apply again; the first violation stays
  /// reported. Returns whether there was a violation to set aside.
  @discardableResult
  public mutating func keepGoing() -> Bool {
    guard cluster.violation != nil else { return false }
    path[path.count - 1].cluster.setViolationAside()
    return true
  }

  /// Checks the end-of-run properties now (every replica agrees, every acknowledged increment
  /// known everywhere), as if the run ended here. Returns the violation, if any; like any other,
  /// `keepGoing()` sets it aside.
  @discardableResult
  public mutating func checkEnd() -> Violation? {
    let last = path.count - 1
    guard path[last].cluster.violation == nil else { return path[last].cluster.violation }
    let found = path[last].cluster.finish()
    if path[last].firstViolation == nil { path[last].firstViolation = found }
    return found
  }

  /// What replaying a schedule did.
  public struct Replay: Equatable, Sendable {
    /// Choices that applied.
    public var applied: Int
    /// Choices that did not apply when their turn came (not enabled then).
    public var skipped: Int
    /// Choices left unreplayed because a property broke before them.
    public var leftAfterViolation: Int

    /// Creates a record.
    public init(applied: Int, skipped: Int, leftAfterViolation: Int) {
      self.applied = applied
      self.skipped = skipped
      self.leftAfterViolation = leftAfterViolation
    }
  }

  /// Replays `schedule`'s choices from a fresh cluster and stops at its end, or at the first
  /// broken property.
  public static func replaying(_ schedule: Schedule) -> (stepper: Stepper, replay: Replay) {
    var stepper = Stepper(scenario: schedule.scenario)
    var replay = Replay(applied: 0, skipped: 0, leftAfterViolation: 0)
    for (index, choice) in schedule.choices.enumerated() {
      if stepper.cluster.violation != nil {
        replay.leftAfterViolation = schedule.choices.count - index
        break
      }
      if stepper.apply(choice) { replay.applied += 1 } else { replay.skipped += 1 }
    }
    // A story that ends quiet (clients done, nothing in flight or being written) is over:
    // check the end, so a convergence counterexample shows its violation too.
    let end = stepper.cluster
    if end.violation == nil, end.clientsFinished, end.inFlight.isEmpty,
      end.writes.allSatisfy(\.isEmpty), !schedule.choices.isEmpty
    {
      stepper.checkEnd()
    }
    return (stepper, replay)
  }

  /// The closing line: `step: 5 choices applied, no double counting broken on ...` or `..., ok`.
  public var closingLine: String {
    "step: \(pluralized(applied.count, "choice")) applied, "
      + (firstViolation.map(\.description) ?? "ok")
  }
}
