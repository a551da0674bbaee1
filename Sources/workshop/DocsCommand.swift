import CounterSpec
import Foundation

/// `workshop docs --check | --update`: every output the course text shows, produced again by
/// its command and compared (or rewritten).
enum DocsCommand {
  static let help = """
    usage: workshop docs --check [--fast] [FILE...]
           workshop docs --update [FILE...]

    Runs every command whose output README.md and Levels/*.md show, and compares. A marker on
    its own line right before a fenced block (or before text) says which command printed it:

      <!-- output: swift run workshop level3 --seed 1 -->       the block, byte for byte
      <!-- output timings: swift run workshop level3 sweep -->  numbers with a decimal point
                                                                 (timings, rates) may differ
      <!-- output shape: COMMAND -->    any number, fingerprint, [..]/{..} list, spacing may differ
      <!-- output sample, tries 10: COMMAND -->   a run that differs every time: each line has
                                        the shape of a line the command prints within 10 runs;
                                        a trailing "  (3) note" is the text's own annotation
      <!-- output tests: swift test --filter Level2 -->   not run: the closing line's test and
                                        suite counts must match the built test bundle's list
      <!-- output timings -->           no command: each "$ command" line in the block is run
                                        and the lines under it are its output

    More options, comma-separated before the ':':
      slow              skipped by --fast (real time, threads, benches)
      stderr            standard error too, as a terminal shows it
      scratch           run in a fresh temporary directory, not the package root
      background "CMD"  start CMD first (a server), stop it (as Ctrl-C would) afterwards
      needs "TOOL"      skipped (and said so) when TOOL is not installed
      diagram           only the Mermaid diagram: `sequenceDiagram` and its indented lines
      from "TEXT"       only the section from the line containing TEXT to the next blank line
      expect "PHRASE"   the output contains PHRASE; A..B in it is a number from A to B
                        (expect "violation in 1..29 runs")
      says "PHRASE"     prose: the text after the marker and the output both say PHRASE
                        (numbers compared without thousands commas: "175,748 states")
      length "PHRASE"   prose: the text says PHRASE ("28 lines"), and its number is the
                        output's line count
    A block line "..." stands for output lines left out. Commands run from the package root with
    this binary; `swift run -c release ...` blocks run only when this is a release build.

      --check    compare; one line per stale output: FILE:LINE: stale: COMMAND: first difference
      --update   rewrite stale blocks with fresh output (samples and prose numbers without a
                 match are left for a person); shape blocks that still match are kept as they are
      --fast     skip the blocks marked slow (what `swift test` runs)
      FILE...    check these Markdown files instead of README.md and Levels/*.md

    The last line reads: docs: N outputs checked, M stale (exit status 1 when M > 0).
    More on the markers: Levels/CHECKING.md.
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let check = arguments.flag("--check")
    let update = arguments.flag("--update")
    let fast = arguments.flag("--fast")
    var files: [String] = []
    while let file = arguments.positional() { files.append(file) }
    try arguments.finish()
    guard check != update else {
      throw UsageError("docs needs exactly one of --check or --update (try --help)")
    }
    if update && fast { throw UsageError("docs --update runs every block; drop --fast") }

    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let binary = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    guard let root = packageRoot(from: current) ?? packageRoot(from: binary) else {
      throw UsageError("docs: no Package.swift here or above; run it from the repository")
    }
    let paths: [URL]
    if files.isEmpty {
      let levels = root.appendingPathComponent("Levels")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: levels.path)) ?? []
      paths =
        [root.appendingPathComponent("README.md")]
        + names.filter { $0.hasSuffix(".md") }.sorted().map { levels.appendingPathComponent($0) }
    } else {
      paths = files.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL }
      for path in paths where !FileManager.default.fileExists(atPath: path.path) {
        throw UsageError("docs: no such file '\(path.path)'")
      }
    }

    var checker = DocChecker(
      runner: DocRunner(binary: binary, root: root), fast: fast, update: update)
    for path in paths {
      let name =
        path.path.hasPrefix(root.path + "/")
        ? String(path.path.dropFirst(root.path.count + 1)) : path.path
      try checker.check(file: path, named: name)
    }
    for note in checker.notes { say("docs: \(note)") }
    say("docs: \(pluralized(checker.checked, "output")) checked, \(checker.stale) stale")
    return checker.stale > 0 ? 1 : 0
  }

  /// The nearest directory at or above `url` with a `Package.swift` and a `Levels` folder.
  static func packageRoot(from url: URL) -> URL? {
    var directory = url.standardizedFileURL
    for _ in 0..<32 {
      let manifest = directory.appendingPathComponent("Package.swift").path
      let levels = directory.appendingPathComponent("Levels").path
      if FileManager.default.fileExists(atPath: manifest)
        && FileManager.default.fileExists(atPath: levels)
      {
        return directory
      }
      let parent = directory.deletingLastPathComponent()
      if parent.path == directory.path { return nil }
      directory = parent
    }
    return nil
  }
}
