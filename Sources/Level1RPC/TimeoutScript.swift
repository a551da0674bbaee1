/// Ties a `RemoteCounter`'s timeouts to the faults a `FaultRelay` injects, in the scripted demos.
///
/// A bare timeout races the network: on a busy laptop a healthy reply can take longer than
/// 100 ms, and a timer can fire before the relay has even forwarded the request it was meant to
/// lose. Then the demo's table would change from run to run. So a demo's client starts the timer
/// of an attempt on a faulted connection when the relay reports that the fault has happened, and
/// lets an attempt on a connection without a fault wait for its reply (up to `patience`).
///
/// What stays real: the timeouts that fire are ordinary ones (the reply did not arrive within
/// the timeout), the client closes the connection and retries on a new one, and the server counts
/// whatever reaches it. Only *when* a timer starts is scripted, never what the server counts.
struct TimeoutScript: Sendable {
  /// When the fault on the client's `connection`-th connection (1, 2, ... in the order the client
  /// opened them) happened, waiting for it if it has not happened yet; `nil` when that
  /// connection has no fault.
  let faultTime: @Sendable (_ connection: Int) -> ContinuousClock.Instant?
  /// The longest an attempt on a connection without a fault waits for its reply.
  var patience: Duration = .seconds(10)

  /// No connection has a fault: every attempt waits for its reply, up to `patience`.
  static let noFaults = TimeoutScript { _ in nil }
}
