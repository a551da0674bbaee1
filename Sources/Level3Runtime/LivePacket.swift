import CounterSpec
import Level3Pure

/// What the threaded runtime puts into a mailbox: an input for a pure replica or a pure client.
///
/// Level 2's `Network` and `Mailbox` are generic over one payload type, and one network carries
/// traffic to replicas and to clients, so the payload names which kind of node it is for. It
/// carries the pure input itself (`ReplicaInput` or `ClientInput`): a node's thread unwraps it
/// and hands it to `step` untouched. Timers and completed writes arrive the same way but never
/// cross the network: the `TimerThread` puts them straight into the owner's mailbox.
public enum LivePacket: Equatable, Sendable {
  /// An input for a replica: a client's increment, a peer's sync, its own timer or write.
  case forReplica(ReplicaInput)
  /// An input for a client: a replica's acknowledgement, or its own timer.
  case forClient(ClientInput)
}

extension LivePacket: CustomStringConvertible {
  /// The text Level 3 prints for the input: `increment c0#1`, `sync [1,0,0] {c0#1}`, `ack c0#1`,
  /// `timer gossip`.
  public var description: String {
    switch self {
    case .forReplica(let input): input.description
    case .forClient(let input): input.description
    }
  }
}
