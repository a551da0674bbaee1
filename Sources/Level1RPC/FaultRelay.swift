/// A TCP proxy on 127.0.0.1 that breaks the first call passing through it, in a scripted way.
///
/// Put it between a `RemoteCounter` and a `CounterServer`: the client connects to the relay, the
/// relay connects to the server. The first request on the first connection meets `fault`; every
/// later call passes, so a retry gets through. A relay made with several `faults` breaks the
/// first request of each of the first connections in turn (connection 1 meets `faults[0]`,
/// connection 2 `faults[1]`, ...): a retry, on its fresh connection, can meet a fault too. There is no randomness and no timing in what the
/// server ends up counting: a lost reply is lost *after* the server answered, a late reply is held
/// until the client has given up, a cut comes after the server's reply (or before the request is
/// forwarded). The relay also reports when the fault happened (`timeoutScript`), so the demo's
/// client never times out before it. That makes every row of the Level 1 demo deterministic.
public final class FaultRelay: Sendable {
  /// What happens to the first call, or `nil` for a transparent relay.
  public var fault: Fault? { faults.first }
  /// What happens to the first request of connection 1, 2, ... in accept order; later
  /// connections pass unharmed.
  public let faults: [Fault]
  /// The port of the server behind the relay.
  public let upstreamPort: UInt16

  private let service: TCPService
  // One per fault: opened when the fault was injected, and when it has played out.
  private let injected: [Latch]
  private let settled: [Latch]

  /// Starts relaying from 127.0.0.1:`port` to 127.0.0.1:`upstreamPort` before it returns.
  ///
  /// - Parameters:
  ///   - upstreamPort: the server's port.
  ///   - fault: what happens to the first call; `nil` relays everything.
  ///   - port: the relay's port, or 0 for any free one.
  ///   - maxHold: for `.replyLate`, the longest the reply is held when the client never gives up
  ///     (a client without a timeout would otherwise wait forever).
  ///   - idleTimeout: how long a connection may stay silent before the relay drops it.
  /// - Throws: `RPCError` if the port cannot be bound.
  public convenience init(
    upstreamPort: UInt16, firstCall fault: Fault?, port: UInt16 = 0,
    maxHold: Duration = .seconds(5), idleTimeout: Duration = .seconds(30)
  ) throws(RPCError) {
    try self.init(
      upstreamPort: upstreamPort, faults: fault.map { [$0] } ?? [], port: port, maxHold: maxHold,
      idleTimeout: idleTimeout)
  }

  /// Starts a relay that breaks the first request of each of the first `faults.count`
  /// connections, in accept order, and relays everything else.
  ///
  /// The parameters are those of `init(upstreamPort:firstCall:port:maxHold:idleTimeout:)`.
  public init(
    upstreamPort: UInt16, faults: [Fault], port: UInt16 = 0, maxHold: Duration = .seconds(5),
    idleTimeout: Duration = .seconds(30)
  ) throws(RPCError) {
    self.faults = faults
    self.upstreamPort = upstreamPort
    let (injected, settled) = (faults.map { _ in Latch() }, faults.map { _ in Latch() })
    self.injected = injected
    self.settled = settled
    let connection = RelayConnection(
      upstreamPort: upstreamPort, faults: faults, maxHold: maxHold, idleTimeout: idleTimeout,
      injected: injected, settled: settled)
    service = try TCPService(port: port, name: "fault-relay") { client, number, service in
      connection.serve(client, number: number, service: service)
    }
  }

  /// The port clients connect to.
  public var port: UInt16 { service.port }

  /// Whether the (first) fault has been injected yet.
  public var faultInjected: Bool { injected.first?.isOpened ?? false }

  /// A `TimeoutScript` for the relay's only client: the timer of a faulted connection starts
  /// when its fault has happened; its other connections pass unharmed, so they wait for replies.
  var timeoutScript: TimeoutScript {
    let injected = injected
    return TimeoutScript { connection in
      guard connection >= 1, connection <= injected.count else { return nil }
      // A fault that never comes (a stuck relay) lets the timer fire at once.
      return injected[connection - 1].waitForOpening(atMost: .seconds(10)) ?? .now
    }
  }

  /// Waits until the first call's fault has fully played out, at most `limit`.
  ///
  /// "Played out" means nothing the fault set in motion can still change the server's count: the
  /// request was dropped, or the server's reply was read (and dropped, delivered late, or cut
  /// off), or the first connection ended. A relay without a fault is settled from the start.
  /// Read the server's count only after this returns `true`.
  /// - Returns: `false` if that did not happen within `limit`.
  public func waitUntilFirstCallSettled(atMost limit: Duration) -> Bool {
    waitUntilSettled(connections: 1, atMost: limit)
  }

  /// Waits until the faults of the first `connections` connections have played out (see
  /// `waitUntilFirstCallSettled(atMost:)`), at most `limit` in all. Pass the number of
  /// connections the client opened: a fault on a connection never opened never plays out.
  /// - Returns: `false` if that did not happen within `limit`.
  public func waitUntilSettled(connections: Int, atMost limit: Duration) -> Bool {
    let deadline = ContinuousClock.now + limit
    for latch in settled.prefix(max(0, connections)) {
      guard latch.wait(atMost: max(.zero, deadline - .now)) else { return false }
    }
    return true
  }

  /// Stops relaying: closes every connection and waits for the relay's threads to finish.
  public func stop() { service.stop() }
}
