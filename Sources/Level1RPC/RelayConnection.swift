/// Relays one client connection of a `FaultRelay` to the server, frame by frame.
///
/// Connection number *n*'s first request gets the relay's *n*-th fault, if it has that many;
/// everything else passes unchanged.
/// Accept order is the order the client connected in, so "the first call" is the same call in
/// every run, whatever the thread timing.
struct RelayConnection: Sendable {
  /// The server's port on 127.0.0.1.
  let upstreamPort: UInt16
  /// What happens to the first request of connection 1, 2, ...
  let faults: [Fault]
  /// The longest a late reply is held if the client never gives up.
  let maxHold: Duration
  /// How long a connection may stay silent before the relay drops it.
  let idleTimeout: Duration
  /// One per fault: opened when it has been injected.
  let injected: [Latch]
  /// One per fault: opened when everything it set in motion is over (see `FaultRelay`).
  let settled: [Latch]

  /// Relays until either side leaves; the service closes `client` afterwards.
  func serve(_ client: TCPSocket, number: Int, service: TCPService) {
    let faulted = number >= 1 && number <= faults.count
    let injected: Latch? = faulted ? self.injected[number - 1] : nil
    let settled: Latch? = faulted ? self.settled[number - 1] : nil
    // Whatever happens on a faulted connection, once it ends nothing more is in flight for it.
    defer { settled?.open() }
    guard let server = try? TCPSocket.connect(port: upstreamPort, timeout: idleTimeout) else {
      return
    }
    guard service.track(server) else {
      server.close()
      return
    }
    defer {
      service.untrack(server)
      server.close()
    }
    var pending = faulted ? faults[number - 1] : nil
    while true {
      guard let request = try? Frame.read(from: client, until: .now + idleTimeout) else { return }
      guard let fault = pending else {
        guard let reply = exchange(request, with: server),
          (try? client.send(Frame.encode(reply))) != nil
        else { return }
        continue
      }
      pending = nil
      switch fault {
      case .requestLost:
        // Say nothing, forward nothing; keep reading, as a network that lost a packet would.
        injected?.open()
      case .replyLost:
        guard exchange(request, with: server) != nil else { return }
        injected?.open()
      case .replyLate:
        guard let reply = exchange(request, with: server) else { return }
        injected?.open()
        // Hold the reply until the client gave up on it: it closes its connection on timeout,
        // which makes `client` readable. An event, not a guess at how long the timeout is.
        _ = try? client.waitReadable(until: .now + maxHold)
        try? client.send(Frame.encode(reply))
      case .cutBeforeApply:
        // Cut first, then report the fault: the client's timer starts only after the reset.
        cut(client, service: service)
        injected?.open()
        return
      case .cutAfterApply:
        // Wait for the server's reply: it is sent after the increment was applied.
        guard exchange(request, with: server) != nil else { return }
        cut(client, service: service)
        injected?.open()
        return
      }
      settled?.open()
    }
  }

  /// Sends `request` to the server and returns its reply payload, or `nil` if that failed.
  private func exchange(_ request: [UInt8], with server: TCPSocket) -> [UInt8]? {
    guard (try? server.send(Frame.encode(request))) != nil else { return nil }
    return try? Frame.read(from: server, until: .now + idleTimeout)
  }

  /// Resets the client's connection: it sees "connection reset", as after a network failure.
  private func cut(_ client: TCPSocket, service: TCPService) {
    service.untrack(client)
    client.reset()
  }
}
