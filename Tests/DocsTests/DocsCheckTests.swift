import Foundation
import Testing

/// `workshop docs`: the course text's outputs, produced again by their commands and compared.
///
/// These tests run the `workshop` binary that `swift build --build-tests` puts next to this test
/// bundle, from the package root, and skip when it is not there.
@Suite(.serialized) struct DocsCheckTests {
  struct MissingBinary: Error {}

  /// The built `workshop` next to this test bundle.
  static var workshop: URL? {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidate = bundle.appendingPathComponent("workshop")
    return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
  }

  /// The package root: this file is Tests/DocsTests/DocsCheckTests.swift.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func docs(_ arguments: [String]) throws -> (status: Int32, lines: [String]) {
    guard let binary = workshop else { throw MissingBinary() }
    let process = Process()
    process.executableURL = binary
    process.arguments = ["docs"] + arguments
    process.currentDirectoryURL = root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    return (process.terminationStatus, lines)
  }

  /// A Markdown file in a fresh temporary directory.
  static func markdown(_ text: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("docs-tests-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("page.md")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func theCourseTextShowsWhatItsCommandsPrint() throws {
    let result = try Self.docs(["--check", "--fast"])
    let summary = try #require(result.lines.last)
    let stale = result.lines.filter { $0.contains(": stale: ") }
    #expect(result.status == 0, "stale outputs: \(stale) (swift run workshop docs --update)")
    #expect(summary.hasSuffix(" outputs checked, 0 stale"), "\(summary)")
    let checked = summary.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    #expect(checked >= 20, "\(summary)")
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func aStaleBlockIsReportedWithItsFirstDifference() throws {
    let page = try Self.markdown(
      """
      # A page

      <!-- output: swift run workshop level3 sweep -->
      ```
      level3 sweep: this is not what it prints
      ```
      """)
    let result = try Self.docs(["--check", page.path])
    #expect(result.status == 1)
    let report = try #require(result.lines.first { $0.contains(": stale: ") })
    #expect(report.hasPrefix("\(page.path):3: stale: swift run workshop level3 sweep: "))
    #expect(report.contains("line 5 shows 'level3 sweep: this is not what it prints'"))
    #expect(result.lines.last == "docs: 1 output checked, 1 stale")
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func updateRewritesAStaleBlockUntilTheCheckPasses() throws {
    let page = try Self.markdown(
      """
      <!-- output timings: swift run workshop level3 sweep -->
      ```
      an old line
      ```
      """)
    let update = try Self.docs(["--update", page.path])
    #expect(update.status == 0)
    #expect(update.lines.first == "\(page.path):1: updated: swift run workshop level3 sweep")
    #expect(update.lines.last == "docs: 1 output checked, 0 stale")
    let text = try String(contentsOf: page, encoding: .utf8)
    #expect(!text.contains("an old line"))
    #expect(text.contains("first failing seed"))
    let check = try Self.docs(["--check", page.path])
    #expect(check.status == 0)
    #expect(check.lines.last == "docs: 1 output checked, 0 stale")
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func rangesPhrasesAndShapesAreChecked() throws {
    let page = try Self.markdown(
      """
      <!-- output expect "first failing seed 1..3": swift run workshop level3 sweep -->
      <!-- output expect "first failing seed 5..9": swift run workshop level3 sweep -->
      <!-- output says "first failing seed 1": swift run workshop level3 sweep -->
      <!-- output says "first failing seed 1,000": swift run workshop level3 sweep -->
      <!-- output length "4 lines": swift run workshop level3 sweep -->
      The sweep stops at its first failing seed 1, in 4 lines.

      \(Self.sweepShape(count: 9, plural: "s"))
      """)
    let result = try Self.docs(["--check", page.path])
    let stale = result.lines.filter { $0.contains(": stale: ") }
    #expect(stale.count == 2, "\(result.lines)")
    #expect(stale.first?.hasPrefix("\(page.path):2: stale: ") == true)
    #expect(stale.first?.hasSuffix("does not say 'first failing seed 5..9'") == true)
    #expect(stale.last?.hasPrefix("\(page.path):4: stale: ") == true)
    #expect(stale.last?.contains("the text after the marker does not say") == true)
    #expect(result.lines.last == "docs: 6 outputs checked, 2 stale")
  }

  /// A shape block of `level3 sweep`'s output, every count `count` and each counted noun
  /// ending in `plural`.
  static func sweepShape(count: Int, plural: String) -> String {
    let (n, s) = (count, plural)
    return """
      <!-- output shape: swift run workshop level3 sweep -->
      ```
      level3 sweep: flawed protocol, \(n) replica\(s), \(n) client\(s) x \(n) increment\(s), delay 9-9 ms, drop 99%, duplicate 9%, seeds 0..<10000
        seed 7: no double counting broken on r7 at step 99 (c7#9): c7#9 applied by r7 and by r9, value 9 > 7 issued
        replay it: swift run workshop level3 --seed 7
      level3 sweep: \(n) seed\(s) in 9.999 s, first failing seed 7
      ```
      """
  }

  /// In a shape, a count may come out as one: "1 seed" has the shape of "10000 seeds" (Level 2's
  /// timing-dependent lines say "violation in 0 runs" and sometimes print "in 1 run").
  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func aShapeTakesACountOfOneAsAnyOtherCount() throws {
    let page = try Self.markdown(
      """
      \(Self.sweepShape(count: 1, plural: ""))

      <!-- output shape: swift run workshop level3 sweep -->
      ```
      level3 sweep: 1 seed in 9.999 s, first failing seeds 7
      ```
      """)
    let result = try Self.docs(["--check", page.path])
    let stale = result.lines.filter { $0.contains(": stale: ") }
    #expect(stale.count == 1, "\(result.lines)")  // a plural where the output has none
    #expect(stale.first?.hasPrefix("\(page.path):9: stale: ") == true, "\(stale)")
    #expect(result.lines.last == "docs: 2 outputs checked, 1 stale")
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func aSampleNeedsEveryLineToBeALineTheCommandPrints() throws {
    let page = try Self.markdown(
      """
      <!-- output sample, tries 2: swift run workshop level3 sweep -->
      ```
        seed 8: no double counting broken on r2 at step 3 (c1#2): c1#2 applied by r1 and by r2, value 9 > 8 issued   (1) the flaw
      ...
      level3 sweep: 9 seeds in 0.5 s, first failing seed 8
      ```

      <!-- output sample, tries 2: swift run workshop level3 sweep -->
      ```
      level3 sweep: 9 seeds in 0.5 s, first failing seed 8
      a line it never prints
      ```
      """)
    let result = try Self.docs(["--check", page.path])
    #expect(result.status == 1)
    #expect(
      result.lines.first
        == "\(page.path):8: stale: swift run workshop level3 sweep: line 11 shows "
        + "'a line it never prints', a line no run printed (2 runs)")
    #expect(result.lines.last == "docs: 2 outputs checked, 1 stale")
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func testCountsAreComparedWithTheTestBundle() throws {
    let page = try Self.markdown(
      """
      <!-- output tests: swift test --filter DocsCheckTests -->
      ```
      ✔ Test run with 99 tests in 1 suite passed after 1.234 seconds.
      ```
      """)
    let result = try Self.docs(["--check", page.path])
    #expect(result.status == 1)
    let report = try #require(result.lines.first)
    #expect(report.hasPrefix("\(page.path):1: stale: swift test --filter DocsCheckTests: "))
    #expect(report.contains("the text says 99 tests in 1 suite, the test bundle has "))
    #expect(report.hasSuffix(" tests in 1 suite"))
  }

  @Test(.timeLimit(.minutes(1)), .enabled(if: workshop != nil))
  func badMarkersAndBadArgumentsAreReported() throws {
    let page = try Self.markdown(
      """
      <!-- output wobbly: swift run workshop level3 -->
      ```
      ```
      """)
    let result = try Self.docs(["--check", page.path])
    #expect(result.status == 1)
    #expect(result.lines.first == "\(page.path):1: stale: bad marker: unknown option 'wobbly'")
    #expect(try Self.docs([]).status == 2)
    #expect(try Self.docs(["--check", "--update"]).status == 2)
    #expect(try Self.docs(["--check", "--bogus"]).status == 2)
    #expect(try Self.docs(["--check", "/no/such/page.md"]).status == 2)
    #expect(try Self.docs(["--help"]).status == 0)
  }
}
