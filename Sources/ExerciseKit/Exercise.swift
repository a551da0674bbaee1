/// One exercise: what to do, where, how to get unstuck, and the check that says whether it works.
public struct Exercise: Sendable {
  /// Where an attempt stands.
  public enum State: Equatable, Sendable, Codable {
    /// The stub still throws `NotSolvedYet`.
    case notStarted
    /// The check ran and found something wrong.
    case failing(String)
    /// The check passed.
    case solved
    /// The check passed, and says what it ran, for example `40 Level 2 runs, none broke`.
    case passed(String)

    /// Whether the check passed (`solved` or `passed`).
    public var isSolved: Bool {
      switch self {
      case .solved, .passed: true
      case .notStarted, .failing: false
      }
    }
  }

  /// Short number, for example `1.1`.
  public let id: String
  /// The level it belongs to (1-4).
  public let level: Int
  /// A few words.
  public let title: String
  /// The goal, in one sentence.
  public let goal: String
  /// The file to edit, relative to the repository root.
  public let file: String
  /// Three hints, each giving away a little more.
  public let hints: [String]
  /// A fair estimate for a first attempt.
  public let minutes: Int
  /// The section of the course text it belongs to.
  public let link: String
  /// Runs the check; a passing check may return a line on what it ran.
  public let check: @Sendable () throws -> String?
  /// Whether it is a stretch task, for those done early (`verify` marks it `stretch`).
  public let isStretch: Bool

  /// Creates an exercise.
  public init(
    id: String, level: Int, title: String, goal: String, file: String, hints: [String],
    minutes: Int, link: String, stretch: Bool = false,
    check: @escaping @Sendable () throws -> Void
  ) {
    self.init(
      id: id, level: level, title: title, goal: goal, file: file, hints: hints, minutes: minutes,
      link: link, stretch: stretch,
      reporting: {
        try check()
        return nil
      })
  }

  /// Creates an exercise whose check, when it passes, says what it ran (shown by `verify`).
  public init(
    id: String, level: Int, title: String, goal: String, file: String, hints: [String],
    minutes: Int, link: String, stretch: Bool = false,
    reporting check: @escaping @Sendable () throws -> String?
  ) {
    self.id = id
    self.level = level
    self.title = title
    self.goal = goal
    self.file = file
    self.hints = hints
    self.minutes = minutes
    self.link = link
    self.check = check
    self.isStretch = stretch
  }

  /// Runs the check and says where the attempt stands. Never throws, never crashes the caller.
  public func evaluate() -> State {
    do {
      guard let note = try check() else { return .solved }
      return .passed(note)
    } catch is NotSolvedYet {
      return .notStarted
    } catch let failure as CheckFailure {
      return .failing(failure.reason)
    } catch {
      return .failing("threw \(error)")
    }
  }
}
