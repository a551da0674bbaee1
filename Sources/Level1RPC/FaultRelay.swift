/// A TCP proxy on 127.0.0.1 that breaks the first call passing through it, in a scripted way.
///
/// Put it between a `RemoteCounter` and a `CounterServer`: the client connects to the relay, the
/// relay connects to the server. The first request on the first connection meets `fault`; every
/// later call passes, so a retry gets through. There is no randomness and no timing in what the
/// server ends up counting: a lost reply is lost *after* the server answered, a late reply is held
/// until the client has given up, a cut comes after the server's reply (or before the request is
/// forwarded). The relay also reports when the fault happened (`timeoutScript`), so the demo's
/// client never times out before it. That makes every row of the Level 1 demo deterministic.
public final class FaultRelay: Sendable {
  /// What happens to the first call, or `nil` for a transparent relay.
  public let fault: Fault?
  /// The port of the server behind the relay.
  public let upstreamPort: UInt16

  private let service: TCPService
  private let injected = Latch()
  private let settled = Latch()

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
  public init(
    upstreamPort: UInt16, firstCall fault: Fault?, port: UInt16 = 0,
    maxHold: Duration = .seconds(5), idleTimeout: Duration = .seconds(30)
  ) throws(RPCError) {
    self.fault = fault
    self.upstreamPort = upstreamPort
    let connection = RelayConnection(
      upstreamPort: upstreamPort, fault: fault, maxHold: maxHold, idleTimeout: idleTimeout,
      injected: injected, settled: settled)
    service = try TCPService(port: port, name: "fault-relay") { client, number, service in
      connection.serve(client, number: number, service: service)
    }
    // Without a fault there is nothing to play out.
    if fault == nil { settled.open() }
  }

  /// The port clients connect to.
  public var port: UInt16 { service.port }

  /// Whether the fault has been injected yet.
  public var faultInjected: Bool { injected.isOpened }

  /// A `TimeoutScript` for the relay's only client: the timer of its first connection starts
  /// when the fault has happened; its other connections pass unharmed, so they wait for replies.
  var timeoutScript: TimeoutScript {
    let (fault, injected) = (fault, injected)
    return TimeoutScript { connection in
      guard connection == 1, fault != nil else { return nil }
      // A fault that never comes (a stuck relay) lets the timer fire at once.
      return injected.waitForOpening(atMost: .seconds(10)) ?? .now
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
    settled.wait(atMost: limit)
  }

  /// Stops relaying: closes every connection and waits for the relay's threads to finish.
  public func stop() { service.stop() }
}
