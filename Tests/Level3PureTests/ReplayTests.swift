import CounterSpec
import Foundation
import Testing

@testable import Level3Pure

/// A seed replayed in another process gives byte-identical output.
///
/// Each child process gets its own hash seed from Swift (we never set
/// `SWIFT_DETERMINISTIC_HASHING`), so a `Set` or `Dictionary` whose order leaked into a trace
/// would show up here as a difference.
@Suite struct ReplayTests {
  @Test func hashSeedingIsLeftOn() {
    #expect(ProcessInfo.processInfo.environment["SWIFT_DETERMINISTIC_HASHING"] == nil)
  }

  /// The seeds replayed; the child process runs them all (an exit test without captured
  /// values, so the package needs Swift 6.2, not 6.3).
  static let seeds: [UInt64] = [0, 1, 2, 3, 4]

  /// Every seed's trace, each ended by a line of its own, as both processes print them.
  static func traces() -> String {
    seeds.map { seed in
      Simulator<FixedReplica>.run(Scenario.default.withAllFaults().seeded(seed)).trace.text
        + "\n-- end\n"
    }.joined()
  }

  @Test(.timeLimit(.minutes(1)))
  func replayInAChildProcessIsByteIdentical() async throws {
    let here = Self.traces()
    let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      FileHandle.standardOutput.write(Data(ReplayTests.traces().utf8))
    }
    let child = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
    let childTraces = child.components(separatedBy: "\n-- end\n")
    let hereTraces = here.components(separatedBy: "\n-- end\n")
    #expect(childTraces.count == Self.seeds.count + 1, "one trace per seed, then nothing")
    for (seed, (mine, theirs)) in zip(Self.seeds, zip(hereTraces, childTraces)) {
      #expect(
        theirs.utf8.elementsEqual(mine.utf8), "seed \(seed): \(firstDifference(theirs, mine))")
      #expect(mine.utf8.count > 1_000, "seed \(seed): the trace is a real story")
    }
  }

  /// The first line where two outputs differ, to keep a failure message short.
  func firstDifference(_ a: String, _ b: String) -> String {
    let left = a.split(separator: "\n", omittingEmptySubsequences: false)
    let right = b.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(left.count, right.count) {
      let l = index < left.count ? String(left[index]) : "<end>"
      let r = index < right.count ? String(right[index]) : "<end>"
      if l != r { return "line \(index + 1): child '\(l)' vs here '\(r)'" }
    }
    return "no difference"
  }
}
