import CounterSpec
import Foundation
import Level3Pure
import Stepper

/// A failure inside a test helper: thrown, never `fatalError`.
struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The cluster the stepper starts with by default: 2 replicas, 1 client x 2 increments,
/// 2 attempts (what `workshop level3 step` builds with no options).
let defaultStepScenario = Scenario(
  replicas: 2, clients: 1, incrementsPerClient: 2, maxAttempts: 2, dropRate: 0, duplicateRate: 0)

/// The five commands that walk a fresh default cluster into a double count: the client's retry
/// fires, both copies of c0#1 are delivered (to r0, then r1), r0 gossips, r1 merges.
let doubleCountCommands = ["6", "1", "1", "7", "7"]

/// The text of a golden file under `Golden/` (copied into the test bundle). Regenerate with the
/// command named in the golden test, then review the diff.
func golden(_ name: String) throws -> String {
  guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden")
  else { throw TestFailure("no golden file Golden/\(name) in the test bundle") }
  return try String(contentsOf: url, encoding: .utf8)
}

/// The first line where `actual` and `expected` differ, for a readable failure message.
func firstDifferingLine(_ actual: String, _ expected: String) -> String {
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  for index in 0..<max(a.count, e.count) {
    let left = index < a.count ? String(a[index]) : "(none)"
    let right = index < e.count ? String(e[index]) : "(none)"
    if left != right { return "line \(index + 1):\n  actual:   \(left)\n  expected: \(right)" }
  }
  return "no difference"
}

/// Runs a shell over `stepper` on `commands` (as a pipe would: echoed, no colour) and returns
/// everything it wrote, and the files it saved.
func transcript<R: CounterReplica>(
  _ stepper: Stepper<R>, _ commands: [String]
) -> (text: String, saved: [String: String]) {
  var shell = StepperShell(stepper, screen: StepperScreen(), echo: true)
  var input = commands[...]
  var output = ""
  var saved: [String: String] = [:]
  shell.run(
    read: { input.popFirst() }, write: { output += $0 },
    save: { path, text in saved[path] = text })
  return (output, saved)
}

/// The last line of `text` (without its newline).
func lastLine(_ text: String) -> String {
  String(text.split(separator: "\n").last ?? "")
}

/// The `workshop` binary next to the test bundle (`swift build --build-tests` builds both).
var workshopBinary: URL? {
  let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let candidate = bundle.appendingPathComponent("workshop")
  return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
}

/// Runs `workshop` with `arguments`, `input` on its standard input; returns status and stdout.
func runWorkshop(_ arguments: [String], input: String) throws -> (status: Int32, text: String) {
  guard let binary = workshopBinary else { throw TestFailure("no workshop binary") }
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment
  environment["SWIFT_DETERMINISTIC_HASHING"] = nil
  process.environment = environment
  let output = Pipe()
  let inputPipe = Pipe()
  process.standardOutput = output
  process.standardInput = inputPipe
  process.standardError = FileHandle.nullDevice
  try process.run()
  inputPipe.fileHandleForWriting.write(Data(input.utf8))
  try inputPipe.fileHandleForWriting.close()
  let bytes = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
}
