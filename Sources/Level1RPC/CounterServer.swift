/// A TCP server on 127.0.0.1 that holds a counter and answers `increment` and `value` requests.
///
/// One thread per connection, a maximum frame length, an idle timeout per connection, and error
/// replies for bad input: a misbehaving client loses its own connection and nothing else (beyond
/// 128 open connections, new ones are closed at once). What the server cannot do is tell a
/// retried increment from a new one: Level 1 requests carry no ID. An increment that does carry
/// one (`increment c0#1`) goes through the server's `IncrementLedger` first, which may say "this
/// one was applied already".
public final class CounterServer: Sendable {
  /// The counter this server serves.
  public let counter: any Counter
  /// How long a connection may stay silent (or stuck mid-frame) before the server closes it.
  public let idleTimeout: Duration

  private let service: TCPService

  /// Binds 127.0.0.1:`port` and starts serving before it returns.
  ///
  /// - Parameters:
  ///   - counter: what requests act on; a fresh `LocalCounter` by default.
  ///   - ledger: consulted for every increment that carries a request ID (see
  ///     `IncrementLedger`); `CountEveryCall`, the default, applies every one.
  ///   - port: the port to listen on, or 0 for any free port (read it back from `port`).
  ///   - idleTimeout: how long a connection may stay silent before the server closes it.
  ///   - replyDelay: a pause between applying an increment and replying, so a person has time to
  ///     kill the server mid-call (`workshop level1 serve --reply-delay-ms`).
  ///   - log: receives one line per request and per refused connection, from server threads.
  /// - Throws: `RPCError` if the port cannot be bound.
  public init(
    counter: any Counter = LocalCounter(), ledger: any IncrementLedger = CountEveryCall(),
    port: UInt16 = 0, idleTimeout: Duration = .seconds(5), replyDelay: Duration = .zero,
    log: (@Sendable (String) -> Void)? = nil
  ) throws(RPCError) {
    self.counter = counter
    self.idleTimeout = idleTimeout
    let connection = CounterConnection(
      counter: counter, ledger: LedgerGate(ledger), idleTimeout: idleTimeout,
      replyDelay: replyDelay, log: log)
    service = try TCPService(port: port, name: "counter-server") { socket, number, service in
      connection.serve(socket, number: number, service: service)
    }
  }

  /// The port the server listens on.
  public var port: UInt16 { service.port }

  /// Connections accepted since the start.
  public var acceptedConnections: Int { service.acceptedConnections }

  /// Connections being served right now. Tests use it to see that bad clients were let go.
  public var openConnections: Int { service.openConnections }

  /// Stops the server: closes every connection and waits for every server thread to finish.
  ///
  /// Idempotent. Call it when done; the server's threads keep it running until then.
  public func stop() { service.stop() }
}
