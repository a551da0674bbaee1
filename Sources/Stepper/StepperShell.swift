import CounterSpec
import Level3Pure

/// The stepper's command loop: reads one command per line, applies it, prints what changed.
///
/// Input and output are closures, so the same loop runs in a terminal (`workshop level3 step`),
/// behind a pipe (tests and the course text script it) and in a test with strings. Whatever
/// happens, the last line it writes is `Stepper.closingLine`.
public struct StepperShell<R: CounterReplica> {
  /// The cluster and the path so far.
  public var stepper: Stepper<R>
  /// How screens are drawn.
  public var screen: StepperScreen
  /// Whether to write each command after the prompt (input that is not a terminal is not
  /// echoed by anyone else, and a transcript should show what was typed).
  public var echo: Bool
  /// Whether to clear the terminal before each screen (only for a terminal).
  public var clears: Bool

  /// The prompt, written before each command is read.
  public static var prompt: String { "step> " }

  /// Creates a shell over `stepper`.
  public init(_ stepper: Stepper<R>, screen: StepperScreen, echo: Bool, clears: Bool = false) {
    self.stepper = stepper
    self.screen = screen
    self.echo = echo
    self.clears = clears
  }

  /// Runs until `q` or the end of the input.
  /// - Parameters:
  ///   - read: the next line, without its newline; `nil` at the end of the input.
  ///   - write: writes text as is (it carries its own newlines).
  ///   - save: writes a file (`s FILE`); an error's description is shown on one line.
  public mutating func run(
    read: () -> String?, write: (String) -> Void, save: (String, String) throws -> Void
  ) {
    write(screen.render(stepper))  // the first screen keeps what was printed before it
    while true {
      write(Self.prompt)
      guard let line = read() else {
        write("\n")
        break
      }
      if echo { write(line + "\n") }
      let (output, quit) = handle(line, save: save)
      write(output)
      if quit { break }
    }
    write(stepper.closingLine + "\n")
  }

  /// Handles one command line.
  /// - Returns: what to print (a screen, or a one-line message), and whether to stop.
  public mutating func handle(_ line: String, save: (String, String) throws -> Void) -> (
    output: String, quit: Bool
  ) {
    let words = line.split(whereSeparator: \.isWhitespace)
    guard let first = words.first else { return ("", false) }
    switch first {
    case "q", "quit":
      return ("", true)
    case "h", "?", "help":
      return (StepperScreen.help + "\n", false)
    case "p":
      return (drawn(), false)
    case "u", "undo":
      return (stepper.undo() ? drawn() : message("nothing to undo: this is the start"), false)
    case "c", "check":
      guard stepper.checkEnd() != nil else {
        return (message("the end-of-run check passes: the replicas agree, nothing is lost"), false)
      }
      return (drawn(), false)
    case "k":
      guard stepper.keepGoing() else { return (message("no broken property to go past"), false) }
      return (drawn(), false)
    case "s", "save":
      guard words.count == 2 else { return (message("usage: s FILE"), false) }
      let path = String(words[1])
      do {
        try save(path, stepper.schedule.fileText)
      } catch {
        return (message("\(error)"), false)
      }
      let count = pluralized(stepper.applied.count, "choice")
      return (message("saved \(path) (\(count); open it with --schedule \(path))"), false)
    default:
      break
    }
    if words.count == 1, let number = Int(first) {
      let choices = stepper.choices
      guard stepper.cluster.violation == nil else {
        return (message("a property is broken: u to undo, k to keep going past it"), false)
      }
      guard (1...max(1, choices.count)).contains(number), number <= choices.count else {
        let range = choices.isEmpty ? "there are none" : "choices are 1...\(choices.count)"
        return (message("no choice \(number) (\(range))"), false)
      }
      stepper.apply(choices[number - 1])
      return (drawn(), false)
    }
    guard let choice = try? Choice(parsing: line) else {
      return (message("unknown command '\(line)' (h for help)"), false)
    }
    if let problem = choice.problem(in: stepper.scenario) { return (message(problem), false) }
    guard stepper.apply(choice) else {
      return (message("'\(choice)' does not apply now"), false)
    }
    return (drawn(), false)
  }

  private func drawn() -> String {
    (clears ? "\u{1B}[H\u{1B}[2J" : "") + screen.render(stepper)
  }

  private func message(_ text: String) -> String { "step: \(text)\n" }
}
