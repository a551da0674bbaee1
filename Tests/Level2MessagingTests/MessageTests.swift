import CounterSpec
import Testing

@testable import Level2Messaging

@Suite struct MessageTests {
  let first = RequestID(client: ClientID(0), number: 1)
  let other = RequestID(client: ClientID(1), number: 1)

  @Test func messagesPrintAsTracesShowThem() {
    #expect(Message.increment(first).description == "increment c0#1")
    #expect(Message.ack(first).description == "ack c0#1")
    #expect(
      Message.sync(slots: [2, 1, 0], known: RequestSet([other, first])).description
        == "sync [2,1,0] {c0#1,c1#1}")
    #expect(Message.sync(slots: [0, 0, 0], known: RequestSet()).description == "sync [0,0,0] {}")
  }

  @Test func stateValueIsTheSumOfTheSlots() {
    #expect(ReplicaState(replicas: 3) == ReplicaState(slots: [0, 0, 0], known: RequestSet()))
    #expect(ReplicaState(slots: [2, 0, 1], known: RequestSet([first])).value == 3)
  }
}
