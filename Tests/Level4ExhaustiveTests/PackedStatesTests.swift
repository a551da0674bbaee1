import Testing

@testable import Level4Exhaustive

/// The packed store keeps every state it is given once, gives back its words exactly, and
/// compares only the words it is told to compare, also across the chunks it stores them in.
@Suite struct PackedStatesTests {
  /// Distinct states of 1 to 9 words (the last word of each is not compared).
  static let states: [[UInt64]] = (0..<500).map { index in
    let length = 1 + index % 9
    return (0..<length).map { UInt64($0 == 0 ? index : index &* 31 &+ $0) }
  }

  /// Inserts `words` (all but the last compared, unless it has one word); returns whether new.
  static func insert(_ words: [UInt64], into store: inout PackedStates) -> Bool {
    var copy = words
    return copy.withUnsafeMutableBufferPointer { buffer in
      store.insert(buffer, compared: max(1, buffer.count - 1))
    }
  }

  @Test(arguments: [16, 1 << 20])
  func everyStateIsKeptOnceAndComesBackWordForWord(chunkWords: Int) {
    var store = PackedStates(chunkWords: chunkWords)  // 16 words: a new chunk every few states
    for state in Self.states { #expect(Self.insert(state, into: &store)) }
    #expect(store.count == Self.states.count)
    for state in Self.states { #expect(!Self.insert(state, into: &store)) }
    #expect(store.count == Self.states.count)
    let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 64)
    defer { buffer.deallocate() }
    for (index, state) in Self.states.enumerated() {
      #expect(Array(store.copy(index, into: buffer)) == state)
    }
  }

  @Test func wordsAfterTheComparedOnesDoNotMakeAStateNew() {
    var store = PackedStates(chunkWords: 16)
    #expect(Self.insert([7, 8, 1], into: &store))
    #expect(!Self.insert([7, 8, 2], into: &store))  // the same state sent in another order
    #expect(Self.insert([7, 9, 1], into: &store))
    let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 64)
    defer { buffer.deallocate() }
    #expect(Array(store.copy(0, into: buffer)) == [7, 8, 1])  // the first one found is kept
  }
}
