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
  /// Runs the check.
  public let check: @Sendable () throws -> Void

  /// Creates an exercise.
  public init(
    id: String, level: Int, title: String, goal: String, file: String, hints: [String],
    minutes: Int, link: String, check: @escaping @Sendable () throws -> Void
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
  }

  /// Runs the check and says where the attempt stands. Never throws, never crashes the caller.
  public func evaluate() -> State {
    do {
      try check()
      return .solved
    } catch is NotSolvedYet {
      return .notStarted
    } catch let failure as CheckFailure {
      return .failing(failure.reason)
    } catch {
      return .failing("threw \(error)")
    }
  }
}
