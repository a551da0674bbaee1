import Foundation
import Testing

@testable import Level1RPC

/// A test failed to reach a state it was waiting for; thrown instead of crashing the run.
struct TestTimeout: Error, CustomStringConvertible {
  let description: String
}

/// Polls `condition` until it holds or `limit` passes (bounded; the sleep is a poll interval,
/// not synchronisation: the condition decides).
func eventually(
  _ what: String, within limit: Duration = .seconds(10), _ condition: () throws -> Bool
) throws {
  let deadline = ContinuousClock.now + limit
  while try !condition() {
    guard ContinuousClock.now < deadline else { throw TestTimeout(description: "never: \(what)") }
    Thread.sleep(forTimeInterval: 0.005)
  }
}

/// A client that speaks raw bytes, to send servers what no `RemoteCounter` would.
struct RawConnection {
  let socket: TCPSocket

  /// Connects to 127.0.0.1:`port`.
  init(port: UInt16) throws {
    socket = try TCPSocket.connect(port: port, timeout: .seconds(5))
  }

  /// Sends `bytes` as they are.
  func send(_ bytes: [UInt8]) throws { try socket.send(bytes) }

  /// Sends `payload` as one well-formed frame.
  func sendFrame(_ payload: [UInt8]) throws { try socket.send(Frame.encode(payload)) }

  /// Reads one frame and parses it as a reply.
  func reply(within limit: Duration = .seconds(5)) throws -> Reply {
    let payload = try Frame.read(from: socket, until: .now + limit)
    return try #require(Reply(payload: payload), "not a reply: \(payload)")
  }

  /// Reads until the connection ends; returns how it ended (`.closed` for a clean close).
  func end(within limit: Duration = .seconds(5)) -> FrameError? {
    do {
      let extra = try Frame.read(from: socket, until: .now + limit)
      Issue.record("expected the connection to end, got a frame: \(extra)")
      return nil
    } catch {
      return error
    }
  }
}

/// Proves `server` still serves a well-behaved client: one increment, read back.
func expectServesNormally(
  _ server: CounterServer, sourceLocation: SourceLocation = #_sourceLocation
)
  throws
{
  let client = RemoteCounter(port: server.port, timeout: .seconds(5))
  defer { client.close() }
  let before = try client.value()
  try client.increment()
  #expect(try client.value() == before + 1, sourceLocation: sourceLocation)
}
