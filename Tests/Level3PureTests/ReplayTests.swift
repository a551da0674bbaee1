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

  @Test(.timeLimit(.minutes(1)), arguments: [UInt64(0), 1, 2, 3, 4])
  func replayInAChildProcessIsByteIdentical(seed: UInt64) async throws {
    let here = Simulator<FixedReplica>.run(Scenario.default.withAllFaults().seeded(seed)).trace.text
    let result = await #expect(
      processExitsWith: .success, observing: [\.standardOutputContent]
    ) { [seed] in
      let trace = Simulator<FixedReplica>.run(Scenario.default.withAllFaults().seeded(seed)).trace
      FileHandle.standardOutput.write(Data(trace.text.utf8))
    }
    let child = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
    let identical = child.utf8.elementsEqual(here.utf8)
    #expect(identical, "seed \(seed): \(firstDifference(child, here))")
    #expect(here.utf8.count > 1_000, "seed \(seed): the trace is a real story")
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
