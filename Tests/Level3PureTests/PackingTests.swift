import CounterSpec
import Testing

@testable import Level3Pure

/// The packed form of a cluster (what the explorer's packed store keeps) must be exact: a
/// cluster unpacked from its words equals the one packed, offers the same choices in the same
/// order, and packs to the same words; and two clusters pack to the same compared words exactly
/// when they are `==`.
@Suite struct Level3PackingTests {
  /// A scenario with crashes and partitions, so disks, writes in flight and down replicas occur.
  static func stormy(seed: UInt64) -> Scenario {
    var scenario = Scenario.default
    scenario.seed = seed
    scenario.crashRate = 0.2
    scenario.partitionRate = 0.1
    return scenario
  }

  /// Every state of runs with faults, packed as the explorer stores it (each replica's node and
  /// each gossip's tally by number in a `NodeTable`) and unpacked, is the cluster packed, with
  /// the same messages in the same order and the same choices; packing it again gives the same
  /// words; and equal compared words always mean equal clusters.
  @Test(
    arguments: [FixedReplica.self, FlawedReplica.self, GossipOnce.self]
      as [any CounterReplica.Type])
  func everyStateOfRunsWithFaultsPacksAndUnpacksExactly(_ type: any CounterReplica.Type) {
    func check<R: CounterReplica>(_: R.Type) {
      var table = NodeTable<R>()
      var compared = 0
      // Compared words -> the cluster first seen with them: equal words must mean equal clusters.
      var seen: [[UInt64]: Cluster<R>] = [:]
      let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 12)
      defer { buffer.deallocate() }
      for seed in UInt64(1)...12 {
        let scenario = Self.stormy(seed: seed)
        var cluster = Cluster<R>(scenario: scenario, recordsTrace: false)
        var base = cluster
        for choice in Simulator<R>.run(scenario).choices {
          cluster.apply(choice)
          guard !cluster.isBroken else { break }
          var writer = WordWriter(buffer)
          let count = cluster.pack(into: &writer, numbering: &table)
          let words = Array(writer.written)
          var reader = WordReader(words)
          var layout = PackedLayout()
          base.unpack(&reader, layout: &layout, nodes: table)
          #expect(reader.wordsRead == words.count)
          #expect(base == cluster)
          #expect(base.inFlight == cluster.inFlight)
          #expect(base.enabledChoices() == cluster.enabledChoices())
          var again = WordWriter(buffer)
          #expect(base.pack(into: &again, numbering: &table) == count)
          #expect(Array(again.written) == words)
          let key = Array(words[..<count])
          if let earlier = seen[key] { #expect(earlier == cluster) }
          seen[key] = cluster
          compared += 1
        }
      }
      #expect(compared > 300, "too few states checked: \(compared)")
      #expect(seen.count > 100, "too few distinct states: \(seen.count)")
      #expect(table.count < seen.count, "replicas recur across states, so there are fewer nodes")
    }
    check(type)
  }

  /// Replicas in the same state are still different replicas: the three fresh replicas at the
  /// start get three numbers, and numbering them again gives the same three.
  @Test func theSameStateOfDifferentReplicasGetsDifferentNumbers() {
    let cluster = Cluster<FixedReplica>(scenario: .default, recordsTrace: false)
    var table = NodeTable<FixedReplica>()
    let numbers = (0..<3).map { table.number(of: $0, in: cluster.nodes) }
    #expect(Set(numbers).count == 3)
    #expect((0..<3).map { table.number(of: $0, in: cluster.nodes) } == numbers)  // numbered once
    #expect(table.count == 3)
  }

  /// What the step memo remembers of a choice, written from the parent's words without the
  /// cluster (`PackedChoices.replay`), is exactly what applying it and packing gives: at every
  /// state of runs with faults, for every choice, once it was met, and it says whether the
  /// successor is quiet. The choices read off the words are the cluster's own, in order.
  @Test func aRememberedStepReplaysToTheWordsItPacksTo() {
    var table = NodeTable<FixedReplica>()
    var memo = StepMemo()
    var (replayed, leftToCluster, clientSteps) = (0, 0, 0)
    let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 12)
    let replay = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 1 << 12)
    defer {
      buffer.deallocate()
      replay.deallocate()
    }
    for seed in UInt64(1)...12 {
      let scenario = Self.stormy(seed: seed)
      var run = Cluster<FixedReplica>(scenario: scenario, recordsTrace: false)
      var cluster = run
      var layout = PackedLayout()
      var state = PackedChoices()
      var choices: [Choice] = []
      for step in Simulator<FixedReplica>.run(scenario).choices {
        run.apply(step)
        guard !run.isBroken else { break }
        var writer = WordWriter(buffer)
        _ = run.pack(into: &writer, numbering: &table)
        let parent = Array(writer.written)
        var reader = WordReader(parent)
        cluster.unpack(&reader, layout: &layout, nodes: table)
        cluster.enabledChoices(into: &choices)
        var own: [EnabledChoice] = []
        cluster.forEachEnabledChoice { own.append($0) }
        parent.withUnsafeBufferPointer { parent in
          state.read(
            parent, from: 0, replicas: scenario.replicas, clients: scenario.clients,
            facts: table.facts)
          let enabled = state.enabledChoices
          #expect(enabled == own, "the choices read off the words")
          let facts = PackedFacts(state)
          for (choice, named) in zip(choices, enabled) {
            for _ in 0..<2 {  // the first time learns it, the second replays it
              cluster.apply(choice)
              let isBroken = cluster.isBroken
              // Quiet: the explorer settles it to check convergence, so it needs the cluster.
              let isQuiet =
                cluster.clientsFinished && cluster.inFlight.isEmpty && !cluster.writesPending
              var applied = WordWriter(buffer)
              let compared = cluster.pack(
                into: &applied, parent: parent, layout: layout, after: choice,
                numbering: &table, memo: &memo)
              cluster.revert(choice, to: Array(parent), layout: layout, nodes: table)
              // Read again: the node the step made may be new to the table.
              state.read(
                parent, from: 0, replicas: scenario.replicas, clients: scenario.clients,
                facts: table.facts)
              var written = WordWriter(replay)
              let outcome = state.replay(
                named, facts: facts, memo: &memo, maxInFlight: 64,
                into: &written)
              switch outcome {
              case .written(let replayedCompared, let needsChecks):
                #expect(!isBroken, "\(choice) breaks a property, yet was replayed")
                #expect(needsChecks == isQuiet, "\(choice): quiet or not")
                #expect(replayedCompared == compared, "\(choice)")
                #expect(Array(written.written) == Array(applied.written), "\(choice)")
                replayed += 1
                if Cluster<FixedReplica>.process(of: choice).client >= 0 { clientSteps += 1 }
              case .needsCluster: leftToCluster += 1
              case .overLimit: Issue.record("\(choice): over a limit of 64 in flight")
              }
            }
          }
        }
      }
    }
    #expect(replayed > 1000, "too few replays checked: \(replayed)")
    #expect(clientSteps > 100, "too few clients' steps replayed: \(clientSteps)")
    #expect(leftToCluster < replayed / 2, "too many replays left to the cluster: \(leftToCluster)")
  }

  @Test func theNetworkPacksAsAMultiset() {
    var cluster = Cluster<FixedReplica>(scenario: .default, recordsTrace: false)
    #expect(cluster.inFlight.count >= 2)
    var table = NodeTable<FixedReplica>()
    func packed() -> (words: [UInt64], compared: Int) {
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 1 << 10) { buffer in
        var writer = WordWriter(buffer)
        let compared = cluster.pack(into: &writer, numbering: &table)
        return (Array(writer.written), compared)
      }
    }
    let (words, count) = packed()
    cluster.inFlight.reverse()
    let (reversed, reversedCount) = packed()
    #expect(reversedCount == count)
    #expect(reversed[..<count] == words[..<count])  // compared: the same multiset
    #expect(reversed[count...] != words[count...])  // kept: the sending order differs
  }
}
