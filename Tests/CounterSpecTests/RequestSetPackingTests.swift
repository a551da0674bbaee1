import CounterSpec
import Testing

/// A request set packs into words and reads back as itself; the common set (the first client's
/// requests up to 63) takes one word, any other a mask word and one word per client.
@Suite struct RequestSetPackingTests {
  static func c(_ client: Int, _ number: Int) -> RequestID {
    RequestID(client: ClientID(client), number: number)
  }

  /// The words `set` packs into.
  static func packed(_ set: RequestSet) -> [UInt64] {
    var buffer = [UInt64](repeating: 0, count: 16)
    return buffer.withUnsafeMutableBufferPointer { buffer in
      var writer = WordWriter(buffer)
      set.pack(into: &writer)
      return Array(writer.written)
    }
  }

  @Test(
    arguments: [
      ([], 1), ([c(0, 1)], 1), ([c(0, 1), c(0, 63)], 1), ([c(0, 64)], 2), ([c(1, 1)], 2),
      ([c(0, 1), c(3, 5), c(7, 64)], 4),
    ] as [([RequestID], Int)])
  func aSetReadsBackAsItself(requests: [RequestID], words: Int) {
    let set = RequestSet(requests)
    let packed = Self.packed(set)
    #expect(packed.count == words)
    var reader = WordReader(packed)
    #expect(RequestSet(unpacking: &reader) == set)
    #expect(reader.wordsRead == words)
  }

  @Test func equalSetsPackEquallyAndOthersDoNot() {
    let a = RequestSet([Self.c(0, 2), Self.c(0, 1)])
    let b = RequestSet([Self.c(0, 1), Self.c(0, 2)])
    #expect(Self.packed(a) == Self.packed(b))
    #expect(Self.packed(a) != Self.packed(RequestSet([Self.c(0, 1)])))
    #expect(Self.packed(RequestSet()) != Self.packed(RequestSet([Self.c(1, 1)])))
  }
}
