import ExerciseKit
import Exercises
import Foundation

/// `workshop verify`: runs every exercise's check against your `Exercises/`, shows where you
/// stand, and tells you what to do next, one hint at a time.
enum VerifyCommand {
  static let help = """
    usage: swift run workshop verify [ID] [--hint]

    Checks every exercise in Exercises/ and lists it as solved, failing or not started. Then it
    shows one exercise (ID, for example 2.1, or else the first one not solved) with its goal,
    the file to edit, and the hints revealed so far.

      --hint   reveal the next hint for that exercise (remembered in .workshop-progress)

    The same checks run in `swift test --filter Exercises`.
    """

  /// Where revealed hints are remembered, in the directory you run from.
  static let progressFile = ".workshop-progress"

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let moreHint = arguments.flag("--hint")
    let wanted = arguments.positional()
    try arguments.finish()
    let exercises = Catalog.exercises(Answers.self)
    if let wanted, !exercises.contains(where: { $0.id == wanted }) {
      let ids = exercises.map(\.id).joined(separator: ", ")
      throw UsageError("no exercise '\(wanted)' (the exercises are \(ids))")
    }

    say("Exercises (edit the files in Exercises/, then run this again):")
    var states: [String: Exercise.State] = [:]
    for exercise in exercises {
      let state = exercise.evaluate()
      states[exercise.id] = state
      let (mark, words): (String, String)
      switch state {
      case .solved: (mark, words) = ("[x]", "solved")
      case .notStarted: (mark, words) = ("[ ]", "not started")
      case .failing: (mark, words) = ("[!]", "attempted, failing")
      }
      let title = exercise.title.padding(toLength: 26, withPad: " ", startingAt: 0)
      say("  \(mark) \(exercise.id)  \(title) \(words)  (~\(exercise.minutes) min)")
    }
    let solved = exercises.filter { states[$0.id] == .solved }.count

    let focus =
      exercises.first { $0.id == wanted }
      ?? exercises.first { states[$0.id] != .solved }
    if let focus {
      say("")
      show(focus, state: states[focus.id] ?? .notStarted, revealMore: moreHint)
    } else {
      say("")
      say(
        "All exercises solved. Compare with Solutions/, and try the discussion questions in Levels/."
      )
    }
    say("")
    say("verify: \(solved)/\(exercises.count) exercises solved")
    return 0
  }

  static func show(_ exercise: Exercise, state: Exercise.State, revealMore: Bool) {
    say("Exercise \(exercise.id): \(exercise.title)")
    say("  goal:  \(exercise.goal)")
    say("  file:  \(exercise.file)")
    say("  read:  \(exercise.link)")
    switch state {
    case .solved: say("  state: solved")
    case .notStarted: say("  state: not started (the stub still throws NotSolvedYet)")
    case .failing(let reason): say("  state: failing: \(reason)")
    }
    var progress = loadProgress()
    var revealed = max(1, progress[exercise.id] ?? 1)
    if revealMore { revealed = min(exercise.hints.count, revealed + 1) }
    progress[exercise.id] = revealed
    saveProgress(progress)
    for (index, hint) in exercise.hints.prefix(revealed).enumerated() {
      say("  hint \(index + 1)/\(exercise.hints.count): \(hint)")
    }
    if revealed < exercise.hints.count {
      say("  (more: swift run workshop verify \(exercise.id) --hint)")
    }
  }

  /// Revealed hints per exercise, from lines like `2.1 2`. A missing or damaged file means none.
  static func loadProgress() -> [String: Int] {
    guard let text = try? String(contentsOfFile: progressFile, encoding: .utf8) else { return [:] }
    var progress: [String: Int] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2, let count = Int(parts[1]), (1...3).contains(count) {
        progress[String(parts[0])] = count
      }
    }
    return progress
  }

  /// Writes the progress sorted by exercise ID (never in dictionary order).
  static func saveProgress(_ progress: [String: Int]) {
    let text = progress.keys.sorted().map { "\($0) \(progress[$0]!)" }.joined(separator: "\n")
    try? (text + "\n").write(toFile: progressFile, atomically: true, encoding: .utf8)
  }
}
