import Foundation

/// Runs the course text's commands the way a reader would, with this very `workshop` binary.
///
/// `swift run workshop ARGS` (and `swift run -c release workshop ARGS`) runs this binary with
/// ARGS directly; any other command line, or one with shell syntax in it (`;`, `>`, `|`, `&&`),
/// runs under `/bin/sh -c` with `swift run workshop` replaced by this binary's path. Commands
/// run from the package root unless told otherwise. Outputs are kept per command, so a command
/// that several markers quote runs once (a `sample` asks for fresh runs).
struct DocRunner {
  /// This `workshop` binary.
  let binary: URL
  /// The package root: where `Package.swift` is.
  let root: URL
  private var outputs: [String: [String]] = [:]
  private var testList: [String]?

  init(binary: URL, root: URL) {
    self.binary = binary
    self.root = root
  }

  /// Whether this binary is a release build (`swift run -c release ...`).
  var isReleaseBuild: Bool {
    binary.path.contains("/release/") || binary.resolvingSymlinksInPath().path.contains("/release/")
  }

  /// The lines `command` prints (standard error too when `stderr`), from the package root or
  /// from `directory`. A second call gives the first run's lines unless `fresh`.
  mutating func output(
    of command: String, stderr: Bool, in directory: URL? = nil, fresh: Bool = false
  ) throws -> [String] {
    let cacheKey = "\(stderr ? "2>&1 " : "")\(directory?.path ?? "") \(command)"
    if !fresh, let lines = outputs[cacheKey] { return lines }
    let lines = DocText.lines(try run(command, stderr: stderr, in: directory ?? root))
    outputs[cacheKey] = lines
    return lines
  }

  /// Forgets every output kept so far: the next call of each command runs it again.
  mutating func forgetOutputs() { outputs = [:] }

  /// The test and suite counts `swift test --filter X` would run, from the built test bundle's
  /// own list (nil when the bundle is not built: `swift build --build-tests` builds it).
  mutating func testCounts(for command: String) throws -> (tests: Int, suites: Int)? {
    if testList == nil {
      guard let bundle = Self.testBundle(near: binary) else { return nil }
      let listing = try execute(
        bundle, ["--testing-library", "swift-testing", "--list-tests"], stderr: false, in: root)
      testList = DocText.lines(listing).filter { $0.contains("/") && !$0.contains(" ") }
    }
    let words = command.split(separator: " ").map(String.init)
    let filter = words.firstIndex(of: "--filter").flatMap {
      $0 + 1 < words.count ? words[$0 + 1] : nil
    }
    let regex = try filter.map { try Regex($0) }
    let tests = (testList ?? []).filter { id in regex.map { id.contains($0) } ?? true }
    let suites = Set(tests.map { $0.prefix(while: { $0 != "/" }) })
    return (tests.count, suites.count)
  }

  /// The test bundle next to `binary` (Linux: an executable `*PackageTests.xctest`).
  static func testBundle(near binary: URL) -> URL? {
    let directory = binary.deletingLastPathComponent()
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.sorted().filter { $0.hasSuffix("PackageTests.xctest") }
      .map { directory.appendingPathComponent($0) }
      .first { url in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
          && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: url.path)
      }
  }

  // MARK: - Running

  /// A command started in the background (a server), and where its output goes.
  struct Background {
    let process: Process
    let capture: URL
  }

  /// Starts `command` in the background and waits (up to ten seconds) until it printed something.
  func start(_ command: String) throws -> Background {
    let (executable, arguments) = Self.invocation(command, binary: binary)
    let capture = try Self.captureFile()
    let process = try launch(executable, arguments, capture: capture, stderr: true, in: root)
    let deadline = Date().addingTimeInterval(10)
    while process.isRunning && Date() < deadline
      && (try? Data(contentsOf: capture))?.isEmpty != false
    {
      usleep(10_000)
    }
    return Background(process: process, capture: capture)
  }

  /// Stops a background command (as Ctrl-C would) and returns what it printed.
  @discardableResult
  func stop(_ background: Background) -> [String] {
    if background.process.isRunning {
      background.process.interrupt()
      let deadline = Date().addingTimeInterval(5)
      while background.process.isRunning && Date() < deadline { usleep(10_000) }
      if background.process.isRunning { background.process.terminate() }
    }
    background.process.waitUntilExit()
    defer { try? FileManager.default.removeItem(at: background.capture) }
    return DocText.lines(
      String(decoding: (try? Data(contentsOf: background.capture)) ?? Data(), as: UTF8.self))
  }

  private static let prefixes = ["swift run -c release workshop", "swift run workshop"]

  /// The executable and arguments for `command`: this binary directly, or `/bin/sh -c`.
  private static func invocation(_ command: String, binary: URL) -> (URL, [String]) {
    for prefix in prefixes where command == prefix || command.hasPrefix(prefix + " ") {
      let rest = command.dropFirst(prefix.count)
      if !rest.contains(where: { "|&;<>()$`\\\"'*?#~".contains($0) }) {
        return (binary, rest.split(separator: " ").map(String.init))
      }
    }
    var script = command
    let quoted = "'" + binary.path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    for prefix in prefixes { script = script.replacingOccurrences(of: prefix, with: quoted) }
    return (URL(fileURLWithPath: "/bin/sh"), ["-c", script])
  }

  private func run(_ command: String, stderr: Bool, in directory: URL) throws -> String {
    let (executable, arguments) = Self.invocation(command, binary: binary)
    return try execute(executable, arguments, stderr: stderr, in: directory)
  }

  private static func captureFile() throws -> URL {
    let capture = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "workshop-docs-\(ProcessInfo.processInfo.processIdentifier)-\(UUID())")
    guard FileManager.default.createFile(atPath: capture.path, contents: nil) else {
      throw FileError("docs: cannot write \(capture.path)")
    }
    return capture
  }

  private func launch(
    _ executable: URL, _ arguments: [String], capture: URL, stderr: Bool, in directory: URL
  ) throws -> Process {
    let handle = try FileHandle(forWritingTo: capture)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = handle
    process.standardError = stderr ? handle : FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs `executable` and returns what it printed; stops it after five minutes.
  private func execute(_ executable: URL, _ arguments: [String], stderr: Bool, in directory: URL)
    throws -> String
  {
    let capture = try Self.captureFile()
    defer { try? FileManager.default.removeItem(at: capture) }
    let process = try launch(executable, arguments, capture: capture, stderr: stderr, in: directory)
    let deadline = Date().addingTimeInterval(300)
    while process.isRunning && Date() < deadline { usleep(5_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return String(decoding: try Data(contentsOf: capture), as: UTF8.self)
  }
}
