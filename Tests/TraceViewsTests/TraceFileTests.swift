import CounterSpec
import Level3Pure
import Testing

@testable import TraceViews

@Suite struct TraceFileTests {
  @Test func savedLevel3TracesReadBackExactly() throws {
    // Seeds with every fault: crashes, restarts, partitions, duplicates, violations.
    for seed in UInt64(0)..<60 {
      let trace = Simulator<FlawedReplica>.run(Scenario.default.withAllFaults().seeded(seed)).trace
      let bytes = TraceFile.encode(trace)
      #expect(try TraceFile.decode(bytes) == trace, "seed \(seed)")
      #expect(Trace.fnv1a(String(decoding: bytes, as: UTF8.self)) == trace.fingerprint)
    }
  }

  @Test(
    arguments: [
      ([0x89, 0x50, 0x4E, 0x47, 0xFF], "not UTF-8 text, so not a saved trace"),
      (Array("hello\nworld\n".utf8), "no trace events in it (save one with --save FILE)"),
      (Array("".utf8), "no trace events in it (save one with --save FILE)"),
      (
        Array("r0  value = 1\nr0 <- c".utf8),
        "the last line has no newline: the file was cut short or is not a trace"
      ),
      (Array("r0 <- q1  m\n".utf8), "line 1: expected 'r0 <- NODE  MESSAGE'"),
    ] as [([UInt8], String)])
  func whatIsNotATraceIsRefusedInOneLine(bytes: [UInt8], reason: String) {
    #expect(throws: TraceFile.Invalid(reason)) { try TraceFile.decode(bytes) }
  }
}
