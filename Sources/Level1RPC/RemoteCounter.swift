import Synchronization

/// A proxy that looks like a local `Counter` but sends every call over TCP to a `CounterServer`.
///
/// This is Level 1's promise: call `increment()` and never mind where the counter lives. Each call
/// is one request frame and one reply frame on 127.0.0.1, with a timeout per attempt. When an
/// attempt times out or the connection breaks, `policy` decides: give up, or send the same call
/// again on a fresh connection. A fresh one, because a late reply to the old attempt must never be
/// read as the reply to the new one.
///
/// Calls from several threads are sent one at a time over one connection.
public final class RemoteCounter: Counter {
  /// The server's port on 127.0.0.1.
  public let port: UInt16
  /// How long one attempt waits for its reply before it counts as timed out. Connecting and
  /// sending are bounded by the same amount.
  public let timeout: Duration
  /// What to do when an attempt times out or its connection breaks.
  public let policy: RetryPolicy

  private let connection = Mutex<TCPSocket?>(nil)

  /// Creates a proxy for the server on 127.0.0.1:`port`. Connects lazily, on the first call.
  public init(port: UInt16, timeout: Duration = .milliseconds(500), policy: RetryPolicy = .giveUp) {
    self.port = port
    self.timeout = timeout
    self.policy = policy
  }

  /// Adds one to the remote counter.
  /// - Throws: `RPCError` when the last attempt failed. The increment may have been applied anyway.
  public func increment() throws {
    let report = call(.increment)
    switch report.result {
    case .success(.done): return
    case .success(let reply): throw Self.unexpected(reply)
    case .failure(let error): throw error
    }
  }

  /// Reads the remote counter.
  /// - Throws: `RPCError` when the last attempt failed.
  public func value() throws -> Int {
    let report = call(.value)
    switch report.result {
    case .success(.value(let value)): return value
    case .success(let reply): throw Self.unexpected(reply)
    case .failure(let error): throw error
    }
  }

  /// Sends `request` under the retry policy and reports every attempt.
  ///
  /// The demo calls this instead of `increment()` to show what the client saw.
  public func call(_ request: Request) -> CallReport {
    connection.withLock { socket in
      var failures: [RPCError] = []
      for _ in 0..<policy.maxAttempts {
        do throws(RPCError) {
          let reply = try attempt(request, on: &socket)
          return CallReport(request: request, failures: failures, result: .success(reply))
        } catch {
          // Never reuse a connection after a failure: its late reply would be taken for the
          // reply to the next attempt.
          socket?.close()
          socket = nil
          failures.append(error)
          if !error.isRetryable { break }
        }
      }
      let last = failures.last ?? .timedOut
      return CallReport(request: request, failures: failures, result: .failure(last))
    }
  }

  /// Closes the connection, if one is open. The next call opens a new one.
  public func close() {
    connection.withLock { socket in
      socket?.close()
      socket = nil
    }
  }

  // MARK: - One attempt

  private func attempt(_ request: Request, on socket: inout TCPSocket?) throws(RPCError) -> Reply {
    let deadline = ContinuousClock.now + timeout
    // A server never speaks first, so a cached connection that is readable has been closed by the
    // server (for example after its idle timeout): open a new one instead of failing the call.
    if let open = socket, (try? open.waitReadable(until: .now)) != false {
      open.close()
      socket = nil
    }
    let connected: TCPSocket
    if let open = socket {
      connected = open
    } else {
      connected = try TCPSocket.connect(port: port, timeout: timeout)
      socket = connected
    }
    let frame: [UInt8]
    do {
      frame = try Frame.encode(request.payload)
    } catch {
      throw .badReply("request too large")
    }
    try connected.send(frame)
    let payload: [UInt8]
    do {
      payload = try Frame.read(from: connected, until: deadline)
    } catch {
      throw Self.rpcError(for: error)
    }
    guard let reply = Reply(payload: payload) else {
      throw .badReply("'\(String(decoding: payload.prefix(40), as: UTF8.self))'")
    }
    return reply
  }

  private static func rpcError(for error: FrameError) -> RPCError {
    switch error {
    case .closed: .connectionClosed
    case .timedOut: .timedOut
    case .truncated(_, let timedOut): timedOut ? .timedOut : .connectionClosed
    case .tooLarge(let length): .badReply("frame length \(length) exceeds \(Frame.maxLength)")
    case .connectionReset: .connectionReset
    case .failed(let error): error
    }
  }

  private static func unexpected(_ reply: Reply) -> RPCError {
    if case .error(let message) = reply { return .serverError(message) }
    return .badReply("unexpected reply '\(reply)'")
  }
}
