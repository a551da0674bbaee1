import CounterSpec

/// Every distinct replica node (the replica, its disk, its writes and its timers) that a search
/// has packed, numbered in the order met. The explorer's packed states name each replica by its
/// number here instead of holding its words, as SPIN's COLLAPSE mode does for its processes: a
/// state space has millions of states but few distinct replicas, so a state gets smaller, and
/// reading a replica back is a copy of the node kept here instead of unpacking its words.
///
/// Two nodes get the same number exactly when they are the same replica's and pack to the same
/// words, so states compare as before: equal numbers, equal replicas.
///
/// The table also remembers what each choice made of each node (`number(of:in:after:from:)`):
/// a node and what happens to it decide the node after, so a search that meets the pair again
/// finds the number without packing the node.
public struct NodeTable<R: PackableReplica> {
  /// Each node's words, after its replica's index; run `i` is node `i`.
  private var runs = RunIndex()
  /// Node `i` as it was when first numbered: what a state that names it reads back.
  private(set) var nodes: [Cluster<R>.Node] = []
  /// Each step met: a node's number, then what happened to it (`Cluster.packStep`); run `i`'s
  /// node after is `stepped[i]`.
  private var steps = RunIndex()
  private var stepped: [UInt32] = []

  /// An empty table.
  public init() {}

  /// How many distinct nodes were numbered.
  public var count: Int { nodes.count }

  /// The number of node `index` of a cluster's `nodes`; numbers it if it is new. (Given the
  /// nodes, not the cluster: a cluster passed by value is copied whole, 400 bytes, at each call.)
  mutating func number(of index: Int, in nodes: [Cluster<R>.Node]) -> UInt64 {
    let (number, isNew) = runs.index { words in
      words.append(UInt64(index))  // a replica knows its ID: r0's node is not r1's
      Cluster<R>.pack(node: index, of: nodes, into: &words)
    }
    if isNew { self.nodes.append(nodes[index]) }
    return UInt64(number)
  }

  /// `number(of: index, in: nodes)` for the nodes of a cluster where `choice`, which steps
  /// replica `index`, was just applied, and that replica's node was number `before`: looked up
  /// by the pair if it was met before (debug builds check that the replica packs to that node).
  mutating func number(
    of index: Int, in nodes: [Cluster<R>.Node], after choice: Choice, from before: UInt64
  ) -> UInt64 {
    let (step, isNew) = steps.index { words in
      words.append(before)
      Cluster<R>.packStep(choice, into: &words)
    }
    guard isNew else {
      #if DEBUG
        precondition(
          number(of: index, in: nodes) == UInt64(stepped[step]),
          "\(choice) stepped r\(index) otherwise")
      #endif
      return UInt64(stepped[step])
    }
    let number = number(of: index, in: nodes)
    stepped.append(UInt32(number))
    return number
  }

  /// The words node `number` packs to (after the replica's index).
  func words(of number: Int) -> ArraySlice<UInt64> { runs.words(of: number).dropFirst() }
}

/// Runs of words numbered in the order first met, and found again by their words: an
/// open-addressing table (at most half full) over one array of words.
struct RunIndex {
  /// Run `i` is `words[ends[i]..<ends[i + 1]]`. The array always has at least `spare` words
  /// after the last run: a candidate is written there, and kept if it is new.
  private var words: [UInt64] = Array(repeating: 0, count: spare)
  private var ends: [Int] = [0]
  private static var spare: Int { 1 << 12 }
  /// A run's number plus one (0 marks an empty slot).
  private var slots: [UInt32] = Array(repeating: 0, count: 1 << 8)
  private var hashes: [UInt64] = []

  /// How many runs are numbered.
  var count: Int { hashes.count }

  /// The number of the run `write` writes; numbers it if it is new.
  @inline(__always)
  mutating func index(writing write: (inout WordWriter) -> Void) -> (number: Int, isNew: Bool) {
    let start = ends[ends.count - 1]
    let (hash, length, found) = words.withUnsafeMutableBufferPointer { words in
      var writer = WordWriter(UnsafeMutableBufferPointer(rebasing: words[start...]))
      write(&writer)
      let run = writer.written
      let hash = WordRun.hash(run.baseAddress!, count: run.count)
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 {
        let number = Int(slots[slot]) - 1
        if hashes[number] == hash, ends[number + 1] - ends[number] == run.count,
          WordRun.equal(words.baseAddress! + ends[number], run.baseAddress!, count: run.count)
        {
          return (hash, run.count, number)
        }
        slot = (slot + 1) & mask
      }
      return (hash, run.count, -1)
    }
    if found >= 0 { return (found, false) }
    precondition(count < Int(UInt32.max) - 1, "too many distinct runs to number")
    ends.append(start + length)
    if words.count - ends[ends.count - 1] < Self.spare {
      words.append(contentsOf: repeatElement(0, count: max(Self.spare, words.count)))
    }
    hashes.append(hash)
    insert(count - 1, hash: hash)
    if 2 * count > slots.count {
      slots = Array(repeating: 0, count: 2 * slots.count)
      for (number, hash) in hashes.enumerated() { insert(number, hash: hash) }
    }
    return (count - 1, true)
  }

  /// The words of run `number`.
  func words(of number: Int) -> ArraySlice<UInt64> { words[ends[number]..<ends[number + 1]] }

  /// Puts run `number` in the first free slot from where its hash points.
  private mutating func insert(_ number: Int, hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = UInt32(number + 1)
  }
}
