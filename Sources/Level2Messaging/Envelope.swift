import CounterSpec

/// A message on the wire: who sent it, who it is for, and what it says.
///
/// The network hands envelopes, not bare payloads, to mailboxes, so a handler knows whom to
/// answer. It is generic over the payload, like `Network` and `Mailbox`.
public struct Envelope<Payload: Sendable>: Sendable {
  /// The sender.
  public let from: NodeID
  /// The receiver.
  public let to: NodeID
  /// The message itself.
  public let payload: Payload

  /// Creates an envelope.
  public init(from: NodeID, to: NodeID, payload: Payload) {
    self.from = from
    self.to = to
    self.payload = payload
  }
}

extension Envelope: Equatable where Payload: Equatable {}
