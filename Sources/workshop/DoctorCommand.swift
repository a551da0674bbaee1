import CounterSpec
import Foundation
import Level1RPC

/// `workshop doctor`: the pre-flight check every attendee runs the day before the course.
///
/// One line per check, each with what to do when it fails; the last line counts the problems, and
/// the exit status is 1 when there is any, so a teacher can ask for one line back from each laptop.
enum DoctorCommand {
  static let help = """
    workshop doctor: is this machine ready for the course? Run it the day before.

    usage: swift run workshop doctor [--skip-build]

    Checks, one line each, with what to do when one fails: the Swift version against the minimum
    in Package.swift, the OS, the cores, a TCP round trip on 127.0.0.1, free disk space, write
    access to .build, spin and gcc (optional, only for `workshop bench explorer --vs-spin`), and
    a debug build of everything with its tests (swift build --build-tests, the slow one).

      --skip-build   leave the build out

    The last line is `doctor: N checks, F problems`; the exit status is 1 when F > 0.
    Run it from the course folder (where Package.swift is), or any folder inside it.
    """

  /// Free space below this many GiB is a problem: builds, the toolchain's caches and traces need
  /// room (a debug build with its tests takes about 150 MB, a release build as much again).
  static let minimumFreeGiB = 2.0

  /// The outcome of one check.
  struct Check: Equatable {
    /// How a check came out.
    enum Status: Equatable {
      /// Ready.
      case ok
      /// Must be fixed before the course; counted in the last line.
      case problem
      /// An optional tool is missing: said, not counted as a problem.
      case optionalMissing
    }

    let name: String
    let status: Status
    let detail: String

    /// The line printed for this check, for example `  ok    cores     2 cores`.
    var line: String {
      let mark =
        switch status {
        case .ok: "ok"
        case .problem: "FAIL"
        case .optionalMissing: "--"
        }
      return "  " + mark.padded(to: 6) + name.padded(to: 10) + detail
    }
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(help)
      return 0
    }
    let skipBuild = arguments.flag("--skip-build")
    try arguments.finish()

    say("workshop doctor: checking this machine for the course")
    var checks: [Check] = []
    func report(_ check: Check) {
      checks.append(check)
      say(check.line)
    }
    let root = packageRoot()
    report(courseFolder(root: root))
    report(swiftVersion(root: root))
    report(operatingSystem(root: root))
    report(cores())
    report(loopback())
    report(freeDisk(in: root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
    if let root {
      report(buildFolderWritable(root: root))
    }
    report(
      optionalTool(
        "spin", versionArguments: ["-V"], install: "apt-get install spin"))
    report(
      optionalTool(
        "gcc", versionArguments: ["--version"],
        install: "apt-get install gcc, or xcode-select --install"))
    if let root, !skipBuild {
      say("  ..    build     building: swift build --build-tests (a minute or more the first time)")
      report(build(root: root))
    } else {
      say("  (build skipped: \(root == nil ? "not in the course folder" : "--skip-build"))")
    }
    let problems = checks.filter { $0.status == .problem }.count
    say(summary(checks: checks.count, problems: problems))
    return problems > 0 ? 1 : 0
  }

  /// The last line, for example `doctor: 10 checks, 0 problems` (or `1 problem`).
  static func summary(checks: Int, problems: Int) -> String {
    "doctor: \(pluralized(checks, "check")), \(pluralized(problems, "problem"))"
  }

  // MARK: - The package

  /// The folder with the course's Package.swift (the one with the `workshop` product): the
  /// current folder or the nearest one above it.
  static func packageRoot() -> URL? {
    var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    while true {
      let manifest = folder.appendingPathComponent("Package.swift")
      if let text = try? String(contentsOf: manifest, encoding: .utf8),
        text.contains("\"workshop\"")
      {
        return folder
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  static let notInPackage =
    "no Package.swift here or above: cd into the course folder (the git clone) and run it again"

  /// The `swift-tools-version` of a manifest, from its first line, for example `(6, 0)` for
  /// `// swift-tools-version: 6.0`; `nil` if the first line does not declare one.
  static func toolsVersion(ofManifest text: String) -> (major: Int, minor: Int)? {
    guard let first = text.split(separator: "\n", omittingEmptySubsequences: false).first,
      first.hasPrefix("//"),
      let marker = first.range(of: "swift-tools-version:")
    else { return nil }
    let version = first[marker.upperBound...].drop { $0 == " " }.prefix { $0 == "." || $0.isNumber }
    let parts = version.split(separator: ".").map { Int($0) }
    guard let major = parts.first ?? nil else { return nil }
    let minor = parts.count > 1 ? parts[1] : 0
    guard let minor else { return nil }
    return (major, minor)
  }

  /// The Swift version of the compiler that built this tool (the one `swift run` used).
  static var compilerVersion: (major: Int, minor: Int) {
    #if compiler(>=7.0)
      (7, 0)
    #elseif compiler(>=6.5)
      (6, 5)
    #elseif compiler(>=6.4)
      (6, 4)
    #elseif compiler(>=6.3)
      (6, 3)
    #elseif compiler(>=6.2)
      (6, 2)
    #elseif compiler(>=6.1)
      (6, 1)
    #else
      (6, 0)
    #endif
  }

  // MARK: - The checks

  static func courseFolder(root: URL?) -> Check {
    guard let root else { return Check(name: "folder", status: .problem, detail: notInPackage) }
    return Check(name: "folder", status: .ok, detail: root.path)
  }

  static func swiftVersion(root: URL?) -> Check {
    let (major, minor) = compilerVersion
    let have = "Swift \(major).\(minor)"
    guard let root else {
      return Check(name: "swift", status: .ok, detail: "\(have) built this tool")
    }
    let manifest = root.appendingPathComponent("Package.swift")
    guard let text = try? String(contentsOf: manifest, encoding: .utf8),
      let needed = toolsVersion(ofManifest: text)
    else {
      return Check(
        name: "swift", status: .problem,
        detail:
          "\(have), but no swift-tools-version in \(manifest.path): git checkout Package.swift")
    }
    let wanted = "\(needed.major).\(needed.minor)"
    guard (major, minor) >= needed else {
      return Check(
        name: "swift", status: .problem,
        detail: "\(have), but Package.swift needs \(wanted) or later: install it from swift.org"
          + " (or a newer Xcode)")
    }
    return Check(
      name: "swift", status: .ok,
      detail: "\(have) built this tool; Package.swift needs \(wanted) or later")
  }

  static func operatingSystem(root: URL?) -> Check {
    let info = ProcessInfo.processInfo
    let version = info.operatingSystemVersion
    let number = "\(version.majorVersion).\(version.minorVersion).\(version.patchVersion)"
    #if os(macOS)
      let needed = root.flatMap(macOSMinimum(root:)) ?? 15
      guard version.majorVersion >= needed else {
        return Check(
          name: "os", status: .problem,
          detail: "macOS \(number), but Package.swift needs macOS \(needed) or later: update macOS")
      }
      return Check(name: "os", status: .ok, detail: "macOS \(number)")
    #else
      // Linux: the distribution's name, and the kernel's version.
      let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
      let pretty = release.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
      let name =
        pretty.map {
          $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(
            in: CharacterSet(charactersIn: "\""))
        } ?? info.operatingSystemVersionString
      return Check(name: "os", status: .ok, detail: "\(name), kernel \(number)")
    #endif
  }

  /// The macOS major version in Package.swift's `platforms`, for example 15 for `.macOS(.v15)`.
  static func macOSMinimum(root: URL) -> Int? {
    let manifest = root.appendingPathComponent("Package.swift")
    guard let text = try? String(contentsOf: manifest, encoding: .utf8),
      let marker = text.range(of: ".macOS(.v")
    else { return nil }
    return Int(text[marker.upperBound...].prefix { $0.isNumber })
  }

  static func cores() -> Check {
    let count = ProcessInfo.processInfo.activeProcessorCount
    guard count >= 2 else {
      return Check(
        name: "cores", status: .problem,
        detail: "\(count) core: Level 2's threads need 2 or more to race; use another machine")
    }
    return Check(name: "cores", status: .ok, detail: "\(count) cores")
  }

  /// Level 1's own server and client: listen on 127.0.0.1 port 0, connect, increment, read back.
  static func loopback() -> Check {
    let start = ContinuousClock.now
    do {
      let server = try CounterServer()
      defer { server.stop() }
      let client = RemoteCounter(port: server.port, timeout: .seconds(5))
      defer { client.close() }
      try client.increment()
      let value = try client.value()
      let elapsed = ContinuousClock.now - start
      guard value == 1 else {
        return Check(
          name: "loopback", status: .problem,
          detail:
            "one increment read back as \(value): is something else on 127.0.0.1:\(server.port)?")
      }
      let ms = String(format: "%.1f", elapsed.seconds * 1000)
      return Check(
        name: "loopback", status: .ok,
        detail: "127.0.0.1: listen, connect, increment and read back in \(ms) ms")
    } catch {
      return Check(
        name: "loopback", status: .problem,
        detail: "\(error): Level 1 needs TCP on 127.0.0.1; pause the firewall or VPN client")
    }
  }

  static func freeDisk(in root: URL) -> Check {
    let attributes = try? FileManager.default.attributesOfFileSystem(forPath: root.path)
    guard let free = (attributes?[.systemFreeSize] as? NSNumber)?.int64Value else {
      return Check(
        name: "disk", status: .problem,
        detail: "cannot read the free space of \(root.path): check it by hand (df -h)")
    }
    let gib = Double(free) / Double(1 << 30)
    let text = String(format: "%.1f GiB free", gib)
    guard gib >= minimumFreeGiB else {
      return Check(
        name: "disk", status: .problem,
        detail: "\(text) in \(root.path): free at least "
          + String(format: "%.0f GiB", minimumFreeGiB))
    }
    return Check(name: "disk", status: .ok, detail: "\(text) in \(root.path)")
  }

  /// Writes and removes a file in `.build` (or, before the first build, in the package folder).
  static func buildFolderWritable(root: URL) -> Check {
    let build = root.appendingPathComponent(".build")
    let exists = FileManager.default.fileExists(atPath: build.path)
    let folder = exists ? build : root
    let probe = folder.appendingPathComponent(".workshop-doctor-\(getpid())")
    guard FileManager.default.createFile(atPath: probe.path, contents: Data("ok".utf8)) else {
      return Check(
        name: ".build", status: .problem,
        detail: "cannot write in \(folder.path): fix its owner (sudo chown -R $USER \(folder.path))"
      )
    }
    try? FileManager.default.removeItem(at: probe)
    return Check(
      name: ".build", status: .ok,
      detail: exists ? "writable" : "not built yet; \(root.path) is writable")
  }

  /// Finds `name` on the PATH and shows its version's first line; missing is not a problem.
  static func optionalTool(_ name: String, versionArguments: [String], install: String)
    -> Check
  {
    guard let path = executable(named: name) else {
      return Check(
        name: name, status: .optionalMissing,
        detail: "optional, not found (only `bench explorer --vs-spin` needs it: \(install))")
    }
    let output = (try? runProcess(path, versionArguments, in: nil).output) ?? ""
    let first = output.split(separator: "\n").first {
      !$0.trimmingCharacters(in: .whitespaces).isEmpty
    }
    return Check(
      name: name, status: .ok,
      detail: first.map { $0.trimmingCharacters(in: .whitespaces) } ?? path)
  }

  /// A debug build of every target with its tests, as `swift test` would do it.
  static func build(root: URL) -> Check {
    guard let swift = executable(named: "swift") else {
      return Check(
        name: "build", status: .problem,
        detail: "swift is not on the PATH: add the toolchain's bin folder to PATH")
    }
    let start = ContinuousClock.now
    let result: (status: Int32, output: String)
    do {
      result = try runProcess(swift, ["build", "--build-tests"], in: root)
    } catch {
      return Check(name: "build", status: .problem, detail: "could not start swift build: \(error)")
    }
    let seconds = Int((ContinuousClock.now - start).seconds.rounded())
    guard result.status == 0 else {
      // The compiler repeats an error once per target that sees it: show each line once.
      var errors: [Substring] = []
      for line in result.output.split(separator: "\n") where line.contains("error:") {
        if !errors.contains(line) { errors.append(line) }
      }
      for line in errors.prefix(5) { say("        " + line) }
      return Check(
        name: "build", status: .problem,
        detail: "swift build --build-tests failed with \(pluralized(errors.count, "error"))"
          + " (above): undo your edits (git stash), or bring this output")
    }
    return Check(
      name: "build", status: .ok, detail: "swift build --build-tests succeeded in \(seconds) s")
  }

  // MARK: - Helpers

  /// The first executable called `name` in the PATH's folders.
  static func executable(named name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") where !folder.isEmpty {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `executable` with `arguments`, standard output and error together, and waits.
  static func runProcess(_ executable: String, _ arguments: [String], in folder: URL?) throws
    -> (status: Int32, output: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read to the end before waiting: a full pipe would otherwise block the child forever.
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

extension String {
  /// The string followed by spaces up to `width` characters (never cut).
  fileprivate func padded(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
