import Testing

@testable import CounterSpec

@Suite struct IDsTests {
  @Test func idsPrintShortForTraces() {
    #expect(ReplicaID(2).description == "r2")
    #expect(ClientID(0).description == "c0")
    #expect(RequestID(client: ClientID(1), number: 3).description == "c1#3")
    #expect(NodeID.replica(ReplicaID(1)).description == "r1")
  }

  @Test func requestsSortByClientThenNumber() {
    let ids = [
      RequestID(client: ClientID(1), number: 1), RequestID(client: ClientID(0), number: 2),
      RequestID(client: ClientID(0), number: 1),
    ]
    #expect(ids.sorted().map(\.description) == ["c0#1", "c0#2", "c1#1"])
  }

  @Test func clientsSortBeforeReplicas() {
    let nodes: [NodeID] = [.replica(ReplicaID(0)), .client(ClientID(1)), .client(ClientID(0))]
    #expect(nodes.sorted().map(\.description) == ["c0", "c1", "r0"])
  }
}

@Suite struct RequestSetTests {
  let a = RequestID(client: ClientID(0), number: 1)
  let b = RequestID(client: ClientID(2), number: 64)
  let c = RequestID(client: ClientID(0), number: 3)

  @Test func insertReportsNewnessAndIteratesSorted() {
    var set = RequestSet()
    #expect(set.isEmpty)
    let inserted = [set.insert(b), set.insert(c), set.insert(a), set.insert(a)]
    #expect(inserted == [true, true, true, false])
    #expect(set.sorted == [a, c, b])
    #expect(set.count == 3)
    #expect(set.contains(b))
    #expect(!set.contains(RequestID(client: ClientID(5), number: 1)))
    #expect(set.description == "{c0#1,c0#3,c2#64}")
  }

  @Test func unionAndSubset() {
    var left = RequestSet([a])
    let right = RequestSet([b, c])
    #expect(!left.isSubset(of: right))
    left.formUnion(right)
    #expect(left == RequestSet([a, b, c]))
    #expect(right.isSubset(of: left))
  }

  @Test func equalityIgnoresTrailingEmptyMasks() {
    var withEmpty = RequestSet([a])
    withEmpty.formUnion(RequestSet([b]))
    let plain = RequestSet([a, b])
    #expect(withEmpty == plain)
    var empty = RequestSet()
    empty.formUnion(RequestSet())
    #expect(empty == RequestSet())
    #expect(Set([withEmpty, plain]).count == 1)
  }
}
