import CounterSpec
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

  /// When timers may start, in the scripted demos; `nil` for plain timeouts.
  let script: TimeoutScript?

  private let connection = Mutex(Connection())

  /// The open connection, and how many were opened so far (a `TimeoutScript` asks by number).
  private struct Connection {
    var socket: TCPSocket?
    var opened = 0
    var lastReport: CallReport?
  }

  /// Creates a proxy for the server on 127.0.0.1:`port`. Connects lazily, on the first call.
  public convenience init(
    port: UInt16, timeout: Duration = .milliseconds(500), policy: RetryPolicy = .giveUp
  ) {
    self.init(port: port, timeout: timeout, policy: policy, script: nil)
  }

  /// Creates a proxy whose timers start as `script` says (see `TimeoutScript`).
  init(port: UInt16, timeout: Duration, policy: RetryPolicy, script: TimeoutScript?) {
    self.port = port
    self.timeout = timeout
    self.policy = policy
    self.script = script
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

  /// Adds one to the remote counter as increment `id`: every attempt of this call, retries
  /// included, carries the same ID, so a server with an `IncrementLedger` can recognise a retry.
  /// - Throws: `RPCError` when the last attempt failed. The increment may have been applied anyway.
  public func increment(id: RequestID) throws {
    let report = call(.increment, id: id)
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

  /// What the latest call saw, attempt by attempt; `nil` before the first call.
  public var lastReport: CallReport? { connection.withLock { $0.lastReport } }

  /// Sends `request` under the retry policy and reports every attempt.
  ///
  /// The demo calls this instead of `increment()` to show what the client saw.
  /// - Parameter id: the request ID every attempt carries (increments only), or `nil` for none.
  public func call(_ request: Request, id: RequestID? = nil) -> CallReport {
    connection.withLock { connection in
      let report = call(request, id: id, on: &connection)
      connection.lastReport = report
      return report
    }
  }

  private func call(_ request: Request, id: RequestID?, on connection: inout Connection)
    -> CallReport
  {
    var failures: [RPCError] = []
    for _ in 0..<policy.maxAttempts {
      do throws(RPCError) {
        let reply = try attempt(request, id: id, on: &connection)
        return CallReport(request: request, failures: failures, result: .success(reply))
      } catch {
        // Never reuse a connection after a failure: its late reply would be taken for the
        // reply to the next attempt.
        connection.socket?.close()
        connection.socket = nil
        failures.append(error)
        if !error.isRetryable { break }
      }
    }
    let last = failures.last ?? .timedOut
    return CallReport(request: request, failures: failures, result: .failure(last))
  }

  /// Closes the connection, if one is open. The next call opens a new one.
  public func close() {
    connection.withLock { connection in
      connection.socket?.close()
      connection.socket = nil
    }
  }

  // MARK: - One attempt

  private func attempt(_ request: Request, id: RequestID?, on connection: inout Connection)
    throws(RPCError) -> Reply
  {
    let deadline = ContinuousClock.now + timeout
    // A server never speaks first, so a cached connection that is readable has been closed by the
    // server (for example after its idle timeout): open a new one instead of failing the call.
    if let open = connection.socket, (try? open.waitReadable(until: .now)) != false {
      open.close()
      connection.socket = nil
    }
    let connected: TCPSocket
    if let open = connection.socket {
      connected = open
    } else {
      connected = try TCPSocket.connect(port: port, timeout: timeout)
      connection.socket = connected
      connection.opened += 1
    }
    let frame: [UInt8]
    do {
      frame = try Frame.encode(request.payload(id: id))
    } catch {
      throw .badReply("request too large")
    }
    try connected.send(frame)
    let readDeadline = try awaitReply(on: connected, number: connection.opened, until: deadline)
    let payload: [UInt8]
    do {
      payload = try Frame.read(from: connected, until: readDeadline)
    } catch {
      throw Self.rpcError(for: error)
    }
    guard let reply = Reply(payload: payload) else {
      throw .badReply("'\(String(decoding: payload.prefix(40), as: UTF8.self))'")
    }
    return reply
  }

  /// With a `TimeoutScript`, waits until the reply starts to arrive or the scripted timeout
  /// fires, and returns the deadline for reading the rest; without one, returns `deadline`.
  ///
  /// The timer of a faulted connection runs from the moment the relay reports the fault; a
  /// connection without a fault waits up to the script's patience.
  private func awaitReply(
    on socket: TCPSocket, number: Int, until deadline: ContinuousClock.Instant
  ) throws(RPCError) -> ContinuousClock.Instant {
    guard let script else { return deadline }
    var deadline = deadline
    let patienceEnds = deadline + script.patience
    while try !socket.waitReadable(until: deadline) {
      if let fault = script.faultTime(number) {
        // The time is up once `timeout` has passed since the fault.
        guard fault + timeout > deadline else { throw .timedOut }
        deadline = fault + timeout
      } else {
        // No fault on this connection: the reply is on its way on a slow machine.
        guard ContinuousClock.now < patienceEnds else { throw .timedOut }
        deadline = min(.now + timeout, patienceEnds)
      }
    }
    return deadline
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
