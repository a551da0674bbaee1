/// A counter you can increment and read: the one interface of Level 1.
///
/// Both methods `throw` even though a local counter never fails. That is the first crack in RPC's
/// promise: to let a remote counter hide behind the same protocol, the protocol must admit remote
/// failures, so every caller of a plain local counter now handles network errors too.
public protocol Counter: Sendable {
  /// Adds one to the counter.
  func increment() throws
  /// Returns the counter's current value.
  func value() throws -> Int
}
