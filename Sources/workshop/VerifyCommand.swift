import CounterSpec
import ExerciseKit
import Foundation

/// `workshop verify`: builds your `Exercises/` package, runs every exercise's check against it,
/// shows where you stand, and tells you what to do next, one hint at a time.
///
/// Your answers are a package of their own (`Exercises/Package.swift`), so a file that does not
/// compile stops only this command: it shows the compiler's errors and exits with status 1, and
/// every demo and `swift test` keep working.
enum VerifyCommand {
  static let help = """
    usage: swift run workshop verify [ID] [--hint]

    Builds your answers (the package in Exercises/), checks every exercise and lists it as solved,
    failing or not started. Then it shows one exercise (ID, for example 2.1, or else the first one
    not solved) with its goal, the file to edit, and the hints revealed so far.

      --hint   reveal the next hint for that exercise (remembered in .workshop-progress)

    If your files do not compile, it shows the compiler's errors (file:line, message, the line)
    and exits with status 1; the demos and swift test are not affected. Run it from the
    repository's top folder. The first run builds the course's modules for your package once.
    """

  /// Where revealed hints are remembered, in the directory you run from.
  static let progressFile = ".workshop-progress"

  /// How many compiler errors to show before "and N more".
  static let shownErrors = 10

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let moreHint = arguments.flag("--hint")
    let wanted = arguments.positional()
    try arguments.finish()

    let package = ExercisePackage()
    guard package.isPresent else {
      printError(
        "workshop verify: no Exercises/Package.swift here; run it from the repository's top folder")
      return 1
    }
    if package.isFirstBuild {
      printError("verify: building your exercises (the first time takes a minute or two)...")
    }
    let build = try package.build()
    guard build.status == 0, !build.crashed else {
      showCompileErrors(build.output + "\n" + build.error)
      return 1
    }
    let exercises: [ExerciseCheck.Entry]
    do { exercises = try package.entries() } catch {
      printError("workshop verify: \(error)")
      return 1
    }
    if let wanted, !exercises.contains(where: { $0.id == wanted }) {
      let ids = exercises.map(\.id).joined(separator: ", ")
      throw UsageError("no exercise '\(wanted)' (the exercises are \(ids))")
    }

    say("Exercises (edit the files in Exercises/, then run this again):")
    var states: [String: Exercise.State] = [:]
    for exercise in exercises {
      let state = try package.state(of: exercise.id)
      states[exercise.id] = state
      let (mark, words): (String, String)
      switch state {
      case .solved, .passed: (mark, words) = ("[x]", "solved")
      case .notStarted: (mark, words) = ("[ ]", "not started")
      case .failing: (mark, words) = ("[!]", "attempted, failing")
      }
      let title = exercise.title.padding(toLength: 26, withPad: " ", startingAt: 0)
      let stretch = exercise.isStretch ? ", stretch" : ""
      say("  \(mark) \(exercise.id)  \(title) \(words)  (~\(exercise.minutes) min\(stretch))")
      if case .passed(let note) = state {
        // The summary lines; a story (lanes) that follows is shown by `verify ID`.
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.prefix(2) { say("          \(line)") }
        if lines.count > 2 {
          say("          (the story: swift run workshop verify \(exercise.id))")
        }
      }
    }
    let solved = exercises.filter { states[$0.id]?.isSolved == true }.count

    let focus =
      exercises.first { $0.id == wanted }
      ?? exercises.first { !$0.isStretch && states[$0.id]?.isSolved != true }
      ?? exercises.first { states[$0.id]?.isSolved != true }
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

  /// The compiler's errors from a failed build of your package, readably: each once, relative
  /// to the repository, with the line it points at. Without any, the build log's last lines.
  static func showCompileErrors(_ log: String) {
    let errors = CompilerDiagnostic.errors(in: log)
    say("Your exercises do not compile. Fix the first error, then run this again.")
    say("(The demos and swift test do not use these files: they still work.)")
    say("")
    guard !errors.isEmpty else {
      let lines = log.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
      for line in lines.suffix(20) { say("  \(line)") }
      say("")
      say("verify: the build failed (swift build --package-path Exercises shows it all)")
      return
    }
    let root = FileManager.default.currentDirectoryPath + "/"
    var sources: [String: [String]] = [:]
    for error in errors.prefix(shownErrors) {
      if sources[error.path] == nil {
        let text = (try? String(contentsOfFile: error.path, encoding: .utf8)) ?? ""
        sources[error.path] = text.split(separator: "\n", omittingEmptySubsequences: false)
          .map(String.init)
      }
      let lines = sources[error.path] ?? []
      let source = error.line >= 1 && error.line <= lines.count ? lines[error.line - 1] : nil
      for line in error.rendered(root: root, source: source) { say(line) }
      say("")
    }
    if errors.count > shownErrors {
      say("... and \(errors.count - shownErrors) more (swift build --package-path Exercises)")
      say("")
    }
    let files = Set(errors.map(\.path)).count
    say(
      "verify: \(pluralized(errors.count, "compile error")) in "
        + "\(pluralized(files, "file")); nothing was checked")
  }

  static func show(_ exercise: ExerciseCheck.Entry, state: Exercise.State, revealMore: Bool) {
    say("Exercise \(exercise.id): \(exercise.title)")
    say("  goal:  \(exercise.goal)")
    say("  file:  \(exercise.file)")
    say("  read:  \(exercise.link)")
    switch state {
    case .solved: say("  state: solved")
    case .passed(let note): say("  state: solved: " + indented(note))
    case .notStarted: say("  state: not started (the stub still throws NotSolvedYet)")
    case .failing(let reason): say("  state: failing: " + indented(reason))
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

  /// `text` with every line after the first indented under the state line (a story in lanes).
  static func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
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
