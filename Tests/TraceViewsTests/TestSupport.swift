import CounterSpec
import Foundation
import Level3Pure

/// A failure inside a test helper: thrown, never `fatalError`, so one bad test cannot take the
/// whole test process down.
struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The pinned failing run: Level 3, the default scenario, seed 1 (no double counting breaks at
/// event 26).
func level3Seed1() -> Trace {
  Simulator<FlawedReplica>.run(Scenario.default.seeded(1)).trace
}

/// The text of a golden file under `Golden/` (copied into the test bundle).
///
/// To regenerate after an intended change, run the command named in the golden test and review
/// the diff before committing it.
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
