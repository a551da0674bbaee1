import Foundation  // C library calls: Glibc on Linux, Darwin on macOS

/// Everything that can go wrong with a remote call, as the caller sees it.
///
/// This is the first lesson of Level 1: a local `increment()` cannot fail, a remote one can fail in
/// all these ways, and from the caller's side several of them look alike. A `.timedOut` call may
/// or may not have been applied; the client has no way to tell.
public enum RPCError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No reply arrived within the call's timeout.
  case timedOut
  /// Nothing listens on the port.
  case connectionRefused(port: UInt16)
  /// The peer reset the connection (an abrupt cut) while a reply was still due.
  case connectionReset
  /// The peer closed the connection (a goodbye, or a killed process) while a reply was still due.
  case connectionClosed
  /// The server answered, with an error.
  case serverError(String)
  /// The reply was not a valid frame or not a valid reply.
  case badReply(String)
  /// The port is already taken by another program.
  case addressInUse(port: UInt16)
  /// Any other failed system call, with its `errno`.
  case system(call: String, errno: Int32)

  /// Whether a retrying client should try this call again.
  ///
  /// Level 1's "fix": retry when the reply did not come (timeout) or the connection broke. A server
  /// error or a bad reply is an answer, so retrying would not help.
  public var isRetryable: Bool {
    switch self {
    case .timedOut, .connectionRefused, .connectionReset, .connectionClosed: true
    case .serverError, .badReply, .addressInUse, .system: false
    }
  }

  /// A short phrase, for example `timeout` or `connection reset`.
  public var description: String {
    switch self {
    case .timedOut: "timeout"
    case .connectionRefused(let port): "connection refused on 127.0.0.1:\(port)"
    case .connectionReset: "connection reset"
    case .connectionClosed: "connection closed by the server"
    case .serverError(let message): "server error: \(message)"
    case .badReply(let detail): "bad reply: \(detail)"
    case .addressInUse(let port): "port \(port) is already in use"
    case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
    }
  }

  /// The phrase without details such as the port, for the demo's table.
  public var shortDescription: String {
    switch self {
    case .connectionRefused: "connection refused"
    case .serverError: "server error"
    case .badReply: "bad reply"
    case .connectionClosed: "connection closed"
    case .timedOut, .connectionReset, .addressInUse, .system: description
    }
  }
}
