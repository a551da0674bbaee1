/// Why reading or writing a frame failed.
public enum FrameError: Error, Equatable, Sendable {
  /// The peer closed the connection cleanly, between frames.
  case closed
  /// Nothing arrived before the deadline, between frames.
  case timedOut
  /// The connection ended, or went quiet past the deadline, in the middle of a frame.
  /// `received` counts the frame's bytes that did arrive, header included.
  case truncated(received: Int, timedOut: Bool)
  /// A length above `Frame.maxLength`.
  case tooLarge(length: Int)
  /// The peer reset the connection.
  case connectionReset
  /// Another socket error.
  case failed(RPCError)
}
