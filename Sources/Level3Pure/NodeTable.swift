import CounterSpec

/// Every distinct replica node (the replica, its disk, its writes and its timers) that a search
/// has packed, numbered in the order met. The explorer's packed states name each replica by its
/// number here instead of holding its words, as SPIN's COLLAPSE mode does for its processes: a
/// state space has millions of states but few distinct replicas, so a state gets smaller, and
/// reading a replica back is a copy of the node kept here instead of unpacking its words.
///
/// Two nodes get the same number exactly when they are the same replica's and pack to the same
/// words, so states compare as before: equal numbers, equal replicas.
public struct NodeTable<R: PackableReplica> {
  /// Node `i`'s words are `words[ends[i]..<ends[i + 1]]`. The array always has at least
  /// `spare` words after the last node's: a candidate is packed there, and kept if it is new.
  private var words: [UInt64] = Array(repeating: 0, count: spare)
  private var ends: [Int] = [0]
  private static var spare: Int { 1 << 12 }
  /// Node `i` as it was when first numbered: what a state that names it reads back.
  private(set) var nodes: [Cluster<R>.Node] = []
  /// A node's number plus one (0 marks an empty slot); open addressing, at most half full.
  private var slots: [UInt32] = Array(repeating: 0, count: 1 << 8)
  private var hashes: [UInt64] = []

  /// An empty table.
  public init() {}

  /// How many distinct nodes were numbered.
  public var count: Int { nodes.count }

  /// The number of replica `index`'s node in `cluster`; numbers it if it is new.
  mutating func number(of index: Int, in cluster: Cluster<R>) -> UInt64 {
    let start = ends[ends.count - 1]
    let (hash, length, found) = words.withUnsafeMutableBufferPointer { words in
      var writer = WordWriter(UnsafeMutableBufferPointer(rebasing: words[start...]))
      writer.append(UInt64(index))  // a replica knows its ID: r0's node is not r1's
      cluster.pack(node: index, into: &writer)
      let packed = writer.written
      let hash = WordRun.hash(packed.baseAddress!, count: packed.count)
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 {
        let number = Int(slots[slot]) - 1
        if hashes[number] == hash, ends[number + 1] - ends[number] == packed.count,
          WordRun.equal(words.baseAddress! + ends[number], packed.baseAddress!, count: packed.count)
        {
          return (hash, packed.count, number)
        }
        slot = (slot + 1) & mask
      }
      return (hash, packed.count, -1)
    }
    if found >= 0 { return UInt64(found) }
    precondition(nodes.count < Int(UInt32.max) - 1, "too many distinct replicas to number")
    ends.append(start + length)
    if words.count - ends[ends.count - 1] < Self.spare {
      words.append(contentsOf: repeatElement(0, count: max(Self.spare, words.count)))
    }
    nodes.append(cluster.nodes[index])
    hashes.append(hash)
    insert(nodes.count - 1, hash: hash)
    if 2 * nodes.count > slots.count {
      slots = Array(repeating: 0, count: 2 * slots.count)
      for (number, hash) in hashes.enumerated() { insert(number, hash: hash) }
    }
    return UInt64(nodes.count - 1)
  }

  /// The words node `number` packs to (after the replica's index).
  func words(of number: Int) -> ArraySlice<UInt64> { words[(ends[number] + 1)..<ends[number + 1]] }

  /// Puts node `number` in the first free slot from where its hash points.
  private mutating func insert(_ number: Int, hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = UInt32(number + 1)
  }
}
