import Testing

@testable import CounterSpec

@Suite struct SeededGeneratorTests {
  @Test func sameSeedSameSequence() {
    var first = SeededGenerator(seed: 42)
    var second = SeededGenerator(seed: 42)
    let a = (0..<100).map { _ in first.next() }
    let b = (0..<100).map { _ in second.next() }
    #expect(a == b)
  }

  @Test func differentSeedsDiffer() {
    var first = SeededGenerator(seed: 1)
    var second = SeededGenerator(seed: 2)
    #expect((0..<4).map { _ in first.next() } != (0..<4).map { _ in second.next() })
  }

  /// Pinned output: if this changes, every recorded seed in the course text changes meaning.
  @Test func sequenceIsPinned() {
    var generator = SeededGenerator(seed: 7)
    let values = (0..<3).map { _ in generator.int(in: 0...999) }
    var again = SeededGenerator(seed: 7)
    #expect(values == (0..<3).map { _ in again.int(in: 0...999) })
    var pinned = SeededGenerator(seed: 0)
    #expect(Trace.hex(pinned.next()) == Self.firstOutputOfSeedZero)
  }

  // xoshiro256** seeded by SplitMix64(0): computed once and frozen here.
  static let firstOutputOfSeedZero = "99ec5f36cb75f2b4"

  @Test(arguments: [0...0, 1...6, -3...3, 0...999])
  func intStaysInRangeAndCoversIt(range: ClosedRange<Int>) {
    var generator = SeededGenerator(seed: 3)
    var seen: Set<Int> = []
    for _ in 0..<5_000 {
      let value = generator.int(in: range)
      #expect(range.contains(value))
      seen.insert(value)
    }
    if range.count <= 13 { #expect(seen.count == range.count) }
  }

  @Test func chanceMatchesProbability() {
    var generator = SeededGenerator(seed: 11)
    let hits = (0..<20_000).filter { _ in generator.chance(0.25) }.count
    #expect((4_500...5_500).contains(hits), "25% of 20000 draws, got \(hits)")
    #expect(!(0..<1_000).contains { _ in generator.chance(0) })
    #expect((0..<1_000).allSatisfy { _ in generator.chance(1) })
  }

  @Test func chanceAlwaysDrawsOnce() {
    var withZero = SeededGenerator(seed: 5)
    var withHalf = SeededGenerator(seed: 5)
    _ = withZero.chance(0)
    _ = withHalf.chance(0.5)
    #expect(withZero == withHalf)
  }
}
