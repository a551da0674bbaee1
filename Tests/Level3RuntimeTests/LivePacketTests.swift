import CounterSpec
import Level3Pure
import Testing

@testable import Level3Runtime

@Suite struct LivePacketTests {
  static let request = RequestID(client: ClientID(0), number: 1)

  /// Packets print what the simulator prints for the same input, so traces of both read alike.
  @Test(
    .timeLimit(.minutes(1)),
    arguments: [
      (LivePacket.forReplica(.requested(request, from: ClientID(0))), "increment c0#1"),
      (
        .forReplica(
          .synced(Tally(slots: [1, 0, 0], known: RequestSet([request])), from: ReplicaID(0))),
        "sync [1,0,0] {c0#1}"
      ),
      (.forReplica(.timerFired(.gossip)), "timer gossip"),
      (.forClient(.replied(.incremented(request), from: ReplicaID(1))), "ack c0#1"),
      (.forClient(.timerFired(.retry(request, attempt: 2))), "timer retry c0#1 (attempt 2)"),
      (.forReplica(.persisted(Tally(replicas: 2))), "persisted [0,0] {}"),
      (.forClient(.started), "started"),
    ])
  func packetPrintsAsLevel3Prints(packet: LivePacket, text: String) {
    #expect(packet.description == text)
  }
}
