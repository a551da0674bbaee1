import CounterSpec
import TraceViews

/// `workshop compare A B`: two saved traces side by side, their first difference, and whether
/// their fingerprints match.
enum CompareCommand {
  static let help = """
    usage: workshop compare A B [--format text|html] [--out FILE]

    Sets two traces saved with --save side by side (level2 or level3 ... --save FILE) and prints
    the first event where they differ and whether their fingerprints match. The same seed twice
    gives two different traces at Level 2 and two identical ones at Level 3.

      --format F     text (default: both traces side by side, cut to 100 columns) or html (the
                     lanes of both, the first difference marked; needs --out)
      --out FILE     write the drawing to FILE; the verdict still goes to standard output

    Exit status 0 whether or not the traces differ; 2 for a missing or corrupt file.
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let output = try TraceOutput(&arguments, formats: [.text, .html])
    if output.save != nil { throw UsageError("compare takes no --save") }
    guard let pathA = arguments.positional(), let pathB = arguments.positional() else {
      throw UsageError("compare needs two saved traces: workshop compare A B (try --help)")
    }
    try arguments.finish()
    let comparison = TraceComparison(try TraceOutput.load(pathA), try TraceOutput.load(pathB))
    let titles = (pathA, pathB)
    switch (output.format ?? .text, output.out) {
    case (.html, let out?):
      try TraceOutput.write(HTMLTracePage().render(comparison, titles: titles), to: out)
      say(comparison.verdict)
      say("wrote \(out) (html, side by side)")
    case (_, let out?):
      try TraceOutput.write(comparison.sideBySide(titles: titles), to: out)
      say(comparison.verdict)
      say("wrote \(out) (text, side by side)")
    case (_, nil):
      say(comparison.sideBySide(titles: titles), terminator: "")
    }
    return 0
  }
}
