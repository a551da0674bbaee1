import Foundation

/// The checker that `workshop verify` runs: `exercise-check` in `Exercises/Package.swift`.
///
/// Your answers live in a package of their own, so a file that does not compile stops only
/// `verify`, never a demo or a test of the course. `verify` builds that package, then asks its
/// checker for the catalog (`--list`) and for one exercise at a time (`--check ID`), each in a
/// fresh process: an answer that crashes or never returns fails alone. Both answers are JSON.
public enum ExerciseCheck {
  /// One exercise as `--list` describes it: everything `verify` shows, without the check.
  public struct Entry: Codable, Equatable, Sendable {
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
    /// Whether it is a stretch task.
    public let isStretch: Bool

    /// The entry for `exercise`.
    public init(_ exercise: Exercise) {
      id = exercise.id
      level = exercise.level
      title = exercise.title
      goal = exercise.goal
      file = exercise.file
      hints = exercise.hints
      minutes = exercise.minutes
      link = exercise.link
      isStretch = exercise.isStretch
    }
  }

  /// How to call the checker.
  public static let usage = "usage: exercise-check --list | --check ID"

  /// The checker's whole behaviour, without touching the process: what to print on standard
  /// output (`output`) or standard error (`error`), and the exit status.
  ///
  /// - Parameters:
  ///   - arguments: the command-line arguments, without the program name.
  ///   - sheet: the answers to check (your `Exercises`, or `Solutions`).
  /// - Returns: `--list`: the catalog as a JSON array of `Entry`, status 0. `--check ID`: the
  ///   exercise's `Exercise.State` as JSON, status 0. Anything else: a one-line error, status 2.
  public static func respond<Sheet: AnswerSheet>(to arguments: [String], sheet: Sheet.Type)
    -> (output: String, error: String, status: Int32)
  {
    let exercises = Catalog.exercises(sheet)
    switch arguments {
    case ["--list"]:
      return (json(exercises.map(Entry.init)), "", 0)
    case let arguments where arguments.count == 2 && arguments[0] == "--check":
      guard let exercise = exercises.first(where: { $0.id == arguments[1] }) else {
        return ("", "exercise-check: no exercise '\(arguments[1])'", 2)
      }
      return (json(exercise.evaluate()), "", 0)
    default:
      return ("", usage, 2)
    }
  }

  /// Runs the checker for `sheet` on this process's arguments and exits.
  public static func main<Sheet: AnswerSheet>(_ sheet: Sheet.Type) -> Never {
    let answer = respond(to: Array(CommandLine.arguments.dropFirst()), sheet: sheet)
    FileHandle.standardOutput.write(Data(answer.output.utf8))
    if !answer.error.isEmpty {
      FileHandle.standardError.write(Data((answer.error + "\n").utf8))
    }
    exit(answer.status)
  }

  /// Reads what `--list` printed.
  public static func entries(from output: String) throws -> [Entry] {
    try JSONDecoder().decode([Entry].self, from: Data(output.utf8))
  }

  /// Reads what `--check ID` printed.
  public static func state(from output: String) throws -> Exercise.State {
    try JSONDecoder().decode(Exercise.State.self, from: Data(output.utf8))
  }

  private static func json(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Encoding plain strings, numbers and arrays cannot fail.
    let data = (try? encoder.encode(value)) ?? Data("null".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
