import CounterSpec
import Level3Pure
import Testing

@testable import Level4Exhaustive

/// The canonical encoding: equal states, equal words; different states, different words.
@Suite struct StateLayoutTests {
  static let bounds = Bounds(
    replicas: 3, clients: 2, increments: 2, maxAttempts: 2, maxInFlight: 5, drops: 1,
    duplicates: 1, crashes: 1, retries: 1, gossips: 2)

  struct Fixture {
    let codec = Codec(bounds: StateLayoutTests.bounds)
    let table = ClientTable(bounds: StateLayoutTests.bounds)
    var layout: StateLayout {
      StateLayout(bounds: StateLayoutTests.bounds, codec: codec, table: table)
    }

    func encode(_ world: World) -> [UInt64] {
      var key = Array(repeating: UInt64(0), count: layout.width)
      key.withUnsafeMutableBufferPointer { layout.encode(world, into: $0.baseAddress!) }
      return key
    }

    func decode(_ key: [UInt64]) -> World {
      var world = World(capacity: 8)
      key.withUnsafeBufferPointer { layout.decode($0.baseAddress!, into: &world) }
      return world
    }

    /// A world drawn from `random`, with fields inside their bounds.
    func world(_ random: inout SeededGenerator) -> World {
      var world = World(capacity: 8)
      let tallyMask = Codec.mask(codec.tallyBits)
      for replica in 0..<3 {
        if random.chance(0.7) { world.up |= 1 << UInt64(replica) }
        world.tallies[replica] = random.next() & tallyMask
        world.disks[replica] = random.next() & tallyMask
      }
      for client in 0..<2 {
        world.codes[client] = UInt64(random.int(in: 0...4))
        if random.chance(0.5) { world.pending |= 1 << UInt64(client) }
      }
      world.dropsUsed = random.int(in: 0...1)
      world.gossipsUsed = random.int(in: 0...2)
      for _ in 0..<random.int(in: 0...5) {
        let client = random.int(in: 0...1)
        world.send(Codec.request(client: client, number: 1, to: random.int(in: 0...2)))
      }
      return world
    }
  }

  @Test func orderOfMessagesInFlightIsIrrelevant() {
    let fixture = Fixture()
    let packets = [
      Codec.request(client: 0, number: 1, to: 1), Codec.ack(client: 1, number: 2, from: 2),
      Codec.sync(0b1011, from: 0, to: 2), Codec.request(client: 0, number: 1, to: 1),
    ]
    var forward = World(capacity: 8)
    var backward = World(capacity: 8)
    for packet in packets { forward.send(packet) }
    for packet in packets.reversed() { backward.send(packet) }
    #expect(forward.flight == packets.sorted())
    #expect(fixture.encode(forward) == fixture.encode(backward))
  }

  @Test func encodingRoundTrips() {
    let fixture = Fixture()
    var random = SeededGenerator(seed: 4)
    for trial in 0..<500 {
      let world = fixture.world(&random)
      let key = fixture.encode(world)
      #expect(fixture.encode(fixture.decode(key)) == key, "trial \(trial)")
      #expect(fixture.decode(key).flight == world.flight, "trial \(trial)")
    }
  }

  /// `HeaderFields` reads and writes exactly the bits `encode` writes (the header here spans
  /// two words, so some fields straddle them), which lets the explorer build successors in
  /// place. Each header is written over another world's, so setters must clear old bits.
  @Test func headerFieldsMatchTheEncoding() {
    let fixture = Fixture()
    let layout = fixture.layout
    let fields = HeaderFields(layout)
    #expect(layout.headerWords == 2)
    var random = SeededGenerator(seed: 6)
    let budgets: [(Budget, KeyPath<Globals, Int>)] = [
      (.drops, \.dropsUsed), (.duplicates, \.duplicatesUsed), (.crashes, \.crashesUsed),
      (.retries, \.retriesUsed), (.gossips, \.gossipsUsed),
    ]
    for trial in 0..<500 {
      var world = fixture.world(&random)
      world.duplicatesUsed = random.int(in: 0...1)
      world.crashesUsed = random.int(in: 0...1)
      world.retriesUsed = random.int(in: 0...1)
      let key = fixture.encode(world)
      var other = fixture.world(&random)  // budgets are only spent, so start them at zero
      other.dropsUsed = 0
      other.gossipsUsed = 0
      var built = Array(fixture.encode(other)[0..<layout.headerWords])
      built.withUnsafeMutableBufferPointer { buffer in
        let header = buffer.baseAddress!
        for replica in 0..<3 {
          fields.setUp(header, replica, world.isUp(replica))
          fields.setTally(header, replica, world.tallies[replica])
          fields.setDisk(header, replica, world.disks[replica])
        }
        for client in 0..<2 {
          fields.setCode(header, client, world.codes[client])
          fields.setPending(header, client, world.isPending(client))
        }
        for (budget, used) in budgets {
          for _ in 0..<world.globals[keyPath: used] { fields.spend(header, budget) }
        }
      }
      #expect(Array(key[0..<layout.headerWords]) == built, "trial \(trial)")
      key.withUnsafeBufferPointer { buffer in
        let header = buffer.baseAddress!
        for replica in 0..<3 {
          #expect(fields.isUp(header, replica) == world.isUp(replica), "trial \(trial)")
          #expect(fields.tally(header, replica) == world.tallies[replica], "trial \(trial)")
          #expect(fields.disk(header, replica) == world.disks[replica], "trial \(trial)")
        }
        for client in 0..<2 {
          #expect(fields.code(header, client) == world.codes[client], "trial \(trial)")
          #expect(fields.isPending(header, client) == world.isPending(client), "trial \(trial)")
        }
        for (budget, used) in budgets {
          #expect(fields.used(header, budget) == world.globals[keyPath: used], "trial \(trial)")
        }
      }
    }
  }

  @Test func statesAreEqualExactlyWhenTheirEncodingsAre() {
    let fixture = Fixture()
    var random = SeededGenerator(seed: 9)
    let worlds = (0..<200).map { _ in fixture.world(&random) }
    let keys = worlds.map(fixture.encode)
    for a in worlds.indices {
      for b in worlds.indices {
        #expect(Self.same(worlds[a], worlds[b]) == (keys[a] == keys[b]), "worlds \(a), \(b)")
      }
    }
  }

  @Test func packedValueMatchesReplicaValue() {
    for design in Replica.Design.allCases {
      let codec = Codec(bounds: Self.bounds.with(design))
      var random = SeededGenerator(seed: 2)
      for trial in 0..<300 {
        var tally = Tally(replicas: 3)
        for _ in 0..<random.int(in: 0...4) { tally.bump(random.int(in: 0...2)) }
        tally.known.insert(
          RequestID(client: ClientID(random.int(in: 0...1)), number: random.int(in: 1...2)))
        let bits = codec.pack(tally)
        #expect(codec.unpack(bits) == tally, "trial \(trial)")
        #expect(codec.value(bits) == codec.replica(0, restoring: bits).value, "trial \(trial)")
      }
    }
  }

  /// Field-by-field equality of two worlds (disks count: crashes are in the bounds).
  static func same(_ a: World, _ b: World) -> Bool {
    for index in 0..<3
    where a.tallies[index] != b.tallies[index] || a.disks[index] != b.disks[index] {
      return false
    }
    return a.codes == b.codes && a.up == b.up && a.pending == b.pending
      && a.dropsUsed == b.dropsUsed && a.duplicatesUsed == b.duplicatesUsed
      && a.crashesUsed == b.crashesUsed && a.retriesUsed == b.retriesUsed
      && a.gossipsUsed == b.gossipsUsed && a.flight == b.flight
  }
}
