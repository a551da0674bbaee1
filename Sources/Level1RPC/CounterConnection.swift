import Foundation

/// Serves one client connection of a `CounterServer`: read a frame, answer it, repeat.
///
/// Every way a connection can go wrong ends *this* connection only, with an error reply when the
/// peer can still read one, and a clean close. Nothing here can crash the process or block it for
/// longer than `idleTimeout`.
struct CounterConnection: Sendable {
  /// The counter the requests act on.
  let counter: any Counter
  /// Decides whether an increment that carries a request ID is applied.
  let ledger: LedgerGate
  /// How long a connection may stay silent, or stay in the middle of a frame, before it is closed.
  let idleTimeout: Duration
  /// Extra time between applying an increment and replying (a slow server, for the CLI).
  let replyDelay: Duration
  /// Where to describe each request, if anywhere.
  let log: (@Sendable (String) -> Void)?

  /// Serves `socket` until the client leaves, misbehaves or idles; the service closes it.
  func serve(_ socket: TCPSocket, number: Int, service: TCPService) {
    while true {
      let payload: [UInt8]
      do {
        payload = try Frame.read(from: socket, until: .now + idleTimeout)
      } catch {
        if let goodbye = Self.goodbye(for: error, idleTimeout: idleTimeout) {
          log?("#\(number) closed: \(goodbye)")
          try? socket.send(Frame.encode(Reply.error(goodbye).payload))
          service.untrack(socket)
          socket.closeGracefully()
        }
        return
      }
      let reply = answer(payload)
      log?("#\(number) \(Self.quoted(payload)) -> \(reply)")
      if reply == .done && replyDelay > .zero {
        // Applied, logged, not yet answered: the window in which to kill the server.
        Thread.sleep(forTimeInterval: replyDelay.seconds)
      }
      do {
        try socket.send(Frame.encode(reply.payload))
      } catch {
        return  // the client left before its answer: nothing more to do for it
      }
    }
  }

  /// The reply to one request payload. Never throws: failures become `Reply.error`.
  func answer(_ payload: [UInt8]) -> Reply {
    guard let (request, id) = Request.parse(payload) else {
      return .error("unknown command \(Self.quoted(payload)) (expected 'increment' or 'value')")
    }
    do {
      switch request {
      case .increment:
        if let id {
          // A retry the ledger recognises is acknowledged again, not applied again.
          _ = try ledger.apply(id) { try counter.increment() }
        } else {
          try counter.increment()
        }
        return .done
      case .value:
        return .value(try counter.value())
      }
    } catch {
      return .error("\(request.rawValue) failed: \(error)")
    }
  }

  /// The error message to send before closing, or `nil` to close without a word.
  static func goodbye(for error: FrameError, idleTimeout: Duration) -> String? {
    switch error {
    case .closed, .connectionReset, .failed:
      nil
    case .timedOut:
      "idle for \(idleTimeout.millisecondsText); closing"
    case .truncated(let received, let timedOut):
      timedOut
        ? "truncated frame: \(received) bytes, then nothing for \(idleTimeout.millisecondsText)"
        : "truncated frame: \(received) bytes, then the connection ended"
    case .tooLarge(let length):
      "frame length \(length) exceeds the maximum of \(Frame.maxLength) bytes; closing"
    }
  }

  /// `bytes` as a short, printable, single-quoted string: `'HELLO'`, `'\x00\xff'`.
  static func quoted(_ bytes: [UInt8], limit: Int = 32) -> String {
    var text = ""
    for byte in bytes.prefix(limit) {
      if (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "\\") {
        text.append(Character(Unicode.Scalar(byte)))
      } else {
        let hex = String(byte, radix: 16)
        text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    if bytes.count > limit { text += "..." }
    return "'" + text + "'"
  }
}
