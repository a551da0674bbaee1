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

  @Test(
    arguments: [FixedReplica.self, FlawedReplica.self, GossipOnce.self]
      as [any PackableReplica.Type])
  func everyStateOfRunsWithFaultsPacksAndUnpacksExactly(_ type: any PackableReplica.Type) {
    func check<R: PackableReplica>(_: R.Type) {
      var compared = 0
      // Compared words -> the cluster first seen with them: equal words must mean equal clusters.
      var seen: [[UInt64]: Cluster<R>] = [:]
      for seed in UInt64(1)...12 {
        let scenario = Self.stormy(seed: seed)
        let outcome = Simulator<R>.run(scenario)
        var cluster = Cluster<R>(scenario: scenario, recordsTrace: false)
        var base = Cluster<R>(scenario: scenario, recordsTrace: false)
        for choice in outcome.choices {
          cluster.apply(choice)
          guard !cluster.isBroken else { break }
          var words: [UInt64] = []
          let count = cluster.pack(into: &words)
          var reader = WordReader(words)
          base.unpack(&reader)
          #expect(reader.wordsRead == words.count)
          #expect(base == cluster)
          #expect(base.inFlight == cluster.inFlight)
          #expect(base.enabledChoices() == cluster.enabledChoices())
          var again: [UInt64] = []
          #expect(base.pack(into: &again) == count)
          #expect(again == words)
          let key = Array(words[..<count])
          if let earlier = seen[key] { #expect(earlier == cluster) }
          seen[key] = cluster
          compared += 1
        }
      }
      #expect(compared > 300, "too few states checked: \(compared)")
      #expect(seen.count > 100, "too few distinct states: \(seen.count)")
    }
    check(type)
  }

  @Test func theNetworkPacksAsAMultiset() {
    var cluster = Cluster<FixedReplica>(scenario: .default, recordsTrace: false)
    #expect(cluster.inFlight.count >= 2)
    var words: [UInt64] = []
    let count = cluster.pack(into: &words)
    cluster.inFlight.reverse()
    var reversed: [UInt64] = []
    #expect(cluster.pack(into: &reversed) == count)
    #expect(reversed[..<count] == words[..<count])  // compared: the same multiset
    #expect(reversed[count...] != words[count...])  // kept: the sending order differs
  }
}
