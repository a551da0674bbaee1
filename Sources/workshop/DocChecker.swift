import CounterSpec
import Foundation

/// Checks the markers of one Markdown file after another, and rewrites stale blocks on request.
struct DocChecker {
  var runner: DocRunner
  /// Skip markers with `slow`.
  let fast: Bool
  /// Rewrite what is stale instead of only reporting it.
  let update: Bool
  /// Outputs compared so far (skipped ones are not counted).
  private(set) var checked = 0
  /// Outputs that differ (after `--update`: that could not be rewritten).
  private(set) var stale = 0
  private var skippedSlow = 0
  private var skippedRelease = 0
  private var skippedTests = 0
  private var skippedTools: [String] = []

  init(runner: DocRunner, fast: Bool, update: Bool) {
    self.runner = runner
    self.fast = fast
    self.update = update
  }

  /// One change to a file's lines.
  enum Edit {
    /// These lines become those.
    case replace(Range<Int>, [String])
    /// In one line, this text becomes that.
    case substitute(line: Int, old: String, new: String)
  }

  /// What a marker's check found.
  enum Verdict {
    case fresh
    /// `command` printed something else; `edits` would bring the text up to date (none: a
    /// person has to).
    case stale(command: String, difference: String, edits: [Edit])
  }

  /// Why some markers were not run, for the lines before the summary.
  var notes: [String] {
    var notes: [String] = []
    if skippedSlow > 0 { notes.append("--fast skipped \(pluralized(skippedSlow, "slow output"))") }
    if skippedRelease > 0 {
      notes.append(
        "skipped \(pluralized(skippedRelease, "release-only output")) (a debug build); "
          + "swift run -c release workshop docs --check runs them")
    }
    for tool in Set(skippedTools).sorted() {
      let count = skippedTools.filter { $0 == tool }.count
      notes.append(
        "skipped \(pluralized(count, "output")) that \(count == 1 ? "needs" : "need") \(tool), not installed"
      )
    }
    if skippedTests > 0 {
      notes.append(
        "skipped \(pluralized(skippedTests, "swift test output")): "
          + "no test bundle next to this binary (swift build --build-tests)")
    }
    return notes
  }

  /// Checks every marker of `file`, reporting as `name`; with `update`, rewrites the file.
  mutating func check(file: URL, named name: String) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let (markers, errors) = DocMarker.parse(text, file: name)
    if !markers.isEmpty { printError("docs: \(name): \(pluralized(markers.count, "marker"))") }
    var reports: [(line: Int, text: String)] = errors.map {
      ($0.line, "\(name):\($0.line): stale: bad marker: \($0.message)")
    }
    checked += errors.count
    stale += errors.count
    var changed = false
    // Bottom to top, so that rewriting a block never moves a marker still to be checked.
    for marker in markers.reversed() where !skipped(marker) {
      checked += 1
      guard case .stale(let command, let difference, let edits) = try verdict(marker, lines)
      else { continue }
      if update && !edits.isEmpty {
        for edit in edits { apply(edit, to: &lines) }
        changed = true
        reports.append((marker.line, "\(name):\(marker.line): updated: \(command)"))
      } else {
        stale += 1
        reports.append((marker.line, "\(name):\(marker.line): stale: \(command): \(difference)"))
      }
    }
    for report in reports.sorted(by: { $0.line < $1.line }) { say(report.text) }
    if changed {
      try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }
  }

  private func apply(_ edit: Edit, to lines: inout [String]) {
    switch edit {
    case .replace(let range, let new):
      lines.replaceSubrange(range, with: new)
    case .substitute(let line, let old, let new):
      if let found = lines[line].range(of: old) { lines[line].replaceSubrange(found, with: new) }
    }
  }

  private mutating func skipped(_ marker: DocMarker) -> Bool {
    if fast && marker.slow {
      skippedSlow += 1
      return true
    }
    if marker.needsRelease && !runner.isReleaseBuild {
      skippedRelease += 1
      return true
    }
    if let tool = marker.needs, !Self.isInstalled(tool) {
      skippedTools.append(tool)
      return true
    }
    if marker.mode == .tests && DocRunner.testBundle(near: runner.binary) == nil {
      skippedTests += 1
      return true
    }
    return false
  }

  // MARK: - Verdicts

  private mutating func verdict(_ marker: DocMarker, _ lines: [String]) throws -> Verdict {
    let scratch = marker.scratch ? try Self.scratchDirectory() : nil
    defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
    // Against a server, every command runs afresh, and nothing it printed is reused later.
    if marker.background != nil { runner.forgetOutputs() }
    let background = try marker.background.map { try runner.start($0) }
    defer {
      if let background {
        runner.stop(background)
        runner.forgetOutputs()
      }
    }
    switch marker.target {
    case .text(let range):
      return try proseVerdict(marker, text: Array(lines[range]), range: range, in: scratch)
    case .block(let range):
      let block = DocText.lines(lines[range].joined(separator: "\n"))
      let shownRange = range.lowerBound..<range.lowerBound + block.count
      guard let command = marker.command else {
        return try transcriptVerdict(marker, block: block, range: shownRange, in: scratch)
      }
      switch marker.mode {
      case .tests:
        return try testsVerdict(command, block: block, range: shownRange)
      case .sample:
        return try sampleVerdict(marker, command, block: block, range: shownRange, in: scratch)
      case .exact, .timings, .shape:
        let output = try runner.output(of: command, stderr: marker.stderr, in: scratch)
        // A broken expectation is for a person: rewriting the block would not mend it.
        let expected = expectations(marker, command, [output])
        if case .stale = expected { return expected }
        guard let shown = select(marker, output) else { return Self.missingPart(marker, command) }
        if let difference = DocText.difference(
          block: block, output: shown, mode: marker.mode, firstLine: range.lowerBound + 1)
        {
          let edits = Self.rewritten(block, with: shown).map { [Edit.replace(shownRange, $0)] }
          return .stale(command: command, difference: difference, edits: edits ?? [])
        }
        return .fresh
      }
    }
  }

  /// A transcript: each `$ command` line is run; the lines under it are its output.
  private mutating func transcriptVerdict(
    _ marker: DocMarker, block: [String], range: Range<Int>, in directory: URL?
  ) throws -> Verdict {
    var segments: [(command: String, offset: Int, lines: [String])] = []
    for (offset, line) in block.enumerated() {
      if line.hasPrefix("$ ") {
        segments.append((String(line.dropFirst(2)), offset, []))
      } else if segments.isEmpty {
        return .stale(
          command: "(transcript)", difference: "a marker without a command needs '$ ' lines",
          edits: [])
      } else {
        segments[segments.count - 1].lines.append(line)
      }
    }
    var rebuilt: [String] = []
    var outputs: [[String]] = []
    var first: (command: String, difference: String)?
    var updatable = true
    for segment in segments {
      let output = try runner.output(
        of: segment.command, stderr: marker.stderr, in: directory, fresh: directory != nil)
      outputs.append(output)
      guard let shown = select(marker, output) else {
        return Self.missingPart(marker, segment.command)
      }
      rebuilt.append("$ " + segment.command)
      let difference = DocText.difference(
        block: segment.lines, output: shown, mode: marker.mode,
        firstLine: range.lowerBound + segment.offset + 2)
      if let difference, first == nil { first = (segment.command, difference) }
      if difference == nil {
        rebuilt += segment.lines
      } else if let fresh = Self.rewritten(segment.lines, with: shown) {
        rebuilt += fresh
      } else {
        updatable = false
      }
    }
    let expected = expectations(marker, segments.first?.command ?? "(transcript)", outputs)
    if case .stale = expected { return expected }
    if let first {
      return .stale(
        command: first.command, difference: first.difference,
        edits: updatable ? [.replace(range, rebuilt)] : [])
    }
    return .fresh
  }

  /// A sample of a run that differs every time: each line's shape, seen within a few runs.
  private mutating func sampleVerdict(
    _ marker: DocMarker, _ command: String, block: [String], range: Range<Int>, in directory: URL?
  ) throws -> Verdict {
    var seen = Set<String>()
    var unseen = Array(block.indices)
    var expected = Set<String>()
    for attempt in 0..<marker.tries {
      let output = try runner.output(
        of: command, stderr: marker.stderr, in: directory, fresh: attempt > 0)
      seen.formUnion((select(marker, output) ?? []).map { DocText.key($0, mode: .shape) })
      unseen = DocText.unseen(block: block, seen: seen)
      expected.formUnion(marker.expects.filter { DocText.contains(output, expectation: $0) })
      if unseen.isEmpty && expected.count == Set(marker.expects).count { return .fresh }
    }
    let runs = pluralized(marker.tries, "run")
    if let index = unseen.first {
      return .stale(
        command: command,
        difference:
          "line \(range.lowerBound + index + 1) shows \(DocText.quote(block[index])), "
          + "a line no run printed (\(runs))",
        edits: [])
    }
    let missing = marker.expects.first { !expected.contains($0) } ?? ""
    return .stale(
      command: command, difference: "no run said '\(missing)' (\(runs))", edits: [])
  }

  /// `swift test` output: the closing line's counts against the test bundle's list.
  private mutating func testsVerdict(_ command: String, block: [String], range: Range<Int>) throws
    -> Verdict
  {
    guard let counts = try runner.testCounts(for: command) else { return .fresh }
    guard let closing = DocText.closingLine(block) else {
      return .stale(
        command: command,
        difference: "no 'Test run with N tests in M suites passed' line in the block", edits: [])
    }
    if closing.tests == counts.tests && closing.suites == counts.suites { return .fresh }
    let line = block[closing.index]
    guard let old = line.firstMatch(of: #/with \d+ tests? in \d+ suites?/#) else { return .fresh }
    let new = "with \(pluralized(counts.tests, "test")) in \(pluralized(counts.suites, "suite"))"
    return .stale(
      command: command,
      difference:
        "the text says \(pluralized(closing.tests, "test")) in "
        + "\(pluralized(closing.suites, "suite")), the test bundle has \(new.dropFirst(5))",
      edits: [
        .substitute(line: range.lowerBound + closing.index, old: String(old.output), new: new)
      ]
    )
  }

  /// Prose: each `says` phrase is in the text and in the output; each `expect` in the output.
  private mutating func proseVerdict(
    _ marker: DocMarker, text: [String], range: Range<Int>, in directory: URL?
  ) throws -> Verdict {
    guard let command = marker.command else { return .fresh }
    let output = try runner.output(of: command, stderr: marker.stderr, in: directory)
    let prose = DocText.collapsed(text.joined(separator: " "))
    for phrase in marker.says {
      guard prose.contains(DocText.collapsed(phrase)) else {
        return .stale(
          command: command, difference: "the text after the marker does not say '\(phrase)'",
          edits: [])
      }
      if DocText.contains(output, expectation: DocText.withoutGrouping(phrase)) { continue }
      var edits: [Edit] = []
      let new = DocText.updated(phrase, from: output)
      if let new, let line = range.first(where: { text[$0 - range.lowerBound].contains(phrase) }) {
        edits = [
          .substitute(line: marker.line - 1, old: "\"\(phrase)\"", new: "\"\(new)\""),
          .substitute(line: line, old: phrase, new: new),
        ]
      }
      return .stale(
        command: command,
        difference: "the output does not say '\(phrase)'" + (new.map { " but '\($0)'" } ?? ""),
        edits: edits)
    }
    if let phrase = marker.length {
      let stated = phrase.firstMatch(of: #/\d+/#).flatMap { Int($0.output) }
      guard prose.contains(DocText.collapsed(phrase)), let stated else {
        return .stale(
          command: command, difference: "the text after the marker does not say '\(phrase)'",
          edits: [])
      }
      if stated != output.count {
        let new = phrase.replacing(#/\d+/#, with: "\(output.count)", maxReplacements: 1)
        let line = range.first { text[$0 - range.lowerBound].contains(phrase) }
        return .stale(
          command: command,
          difference:
            "the text says '\(phrase)', the output has \(pluralized(output.count, "line"))",
          edits: line.map {
            [
              .substitute(line: marker.line - 1, old: "\"\(phrase)\"", new: "\"\(new)\""),
              .substitute(line: $0, old: phrase, new: new),
            ]
          } ?? [])
      }
    }
    return expectations(marker, command, [output])
  }

  private func expectations(_ marker: DocMarker, _ command: String, _ outputs: [[String]])
    -> Verdict
  {
    let all = outputs.flatMap { $0 }
    if let missing = marker.expects.first(where: { !DocText.contains(all, expectation: $0) }) {
      return .stale(command: command, difference: "the output does not say '\(missing)'", edits: [])
    }
    return .fresh
  }

  // MARK: - Helpers

  /// The part of `output` a marker compares: all of it, a `from` section, or the diagram; nil
  /// when the output has no such part.
  private func select(_ marker: DocMarker, _ output: [String]) -> [String]? {
    var lines = output
    if let from = marker.from {
      guard let start = lines.firstIndex(where: { $0.contains(from) }) else { return nil }
      lines = Array(lines[start...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }
    if marker.diagram {
      guard let start = lines.firstIndex(where: { $0.hasPrefix("sequenceDiagram") }) else {
        return nil
      }
      lines = [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
    }
    return lines
  }

  /// The output lacks the part a `from` or `diagram` marker compares: a person has to look.
  private static func missingPart(_ marker: DocMarker, _ command: String) -> Verdict {
    let part = marker.from.map { "no line containing '\($0)'" } ?? "no sequenceDiagram line"
    return .stale(command: command, difference: "the output has \(part)", edits: [])
  }

  /// Fresh block lines from `shown`, keeping a single `...` where the block had it (the same
  /// number of lines before and after); nil when the block has several.
  static func rewritten(_ block: [String], with shown: [String]) -> [String]? {
    let ellipses = block.indices.filter { DocText.isEllipsis(block[$0]) }
    guard let ellipsis = ellipses.first else { return shown }
    guard ellipses.count == 1 else { return nil }
    let after = block.count - ellipsis - 1
    guard ellipsis + after < shown.count else { return shown }
    return Array(shown.prefix(ellipsis)) + [block[ellipsis]] + Array(shown.suffix(after))
  }

  /// Whether `tool` is an executable somewhere on the PATH.
  static func isInstalled(_ tool: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { directory in
      FileManager.default.isExecutableFile(atPath: "\(directory)/\(tool)")
    }
  }

  private static func scratchDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("workshop-docs-scratch-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }
}
