import Foundation  // C library calls: Glibc on Linux, Darwin on macOS
import Synchronization

// The platform differences live in SocketPlatform.swift; everything here is the same on both.

/// A TCP socket on 127.0.0.1: a listening socket or one end of a connection.
///
/// A thin layer over POSIX sockets, so the rest of Level 1 reads as "send a frame, wait for a
/// frame" and the few platform differences live in `SocketPlatform`. Reads wait with `poll` against a
/// deadline, so no call blocks longer than its caller allows. Sends never raise `SIGPIPE`.
///
/// Only the thread that owns a socket calls `close()`; other threads may call `shutdown()` to
/// wake it up. That rule keeps a closed descriptor number from being reused under a live caller.
final class TCPSocket: Sendable {
  /// The file descriptor.
  let fd: Int32
  private let closed = Atomic<Bool>(false)

  private init(fd: Int32) { self.fd = fd }

  deinit { close() }

  // MARK: - Opening

  /// Binds 127.0.0.1:`port` (0 picks a free port) and listens.
  static func listen(port: UInt16, backlog: Int32 = 128) throws(RPCError) -> TCPSocket {
    let socket = try bound(port: port)
    guard posixListen(socket.fd, backlog) == 0 else { throw .system(call: "listen", errno: errno) }
    return socket
  }

  /// Binds 127.0.0.1:`port` without listening: the port is taken, and connecting to it is
  /// refused. Tests use it for a port that is certainly closed and that no one else can take.
  static func bound(port: UInt16) throws(RPCError) -> TCPSocket {
    let socket = try make()
    var yes: Int32 = 1
    _ = setsockopt(
      socket.fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = loopback(port: port)
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if result != 0 {
      let code = errno
      if code == EADDRINUSE { throw .addressInUse(port: port) }
      throw .system(call: "bind", errno: code)
    }
    return socket
  }

  /// Connects to 127.0.0.1:`port`, waiting at most `timeout` to connect and for each send.
  static func connect(port: UInt16, timeout: Duration) throws(RPCError) -> TCPSocket {
    let socket = try make()
    // SO_SNDTIMEO also bounds a blocking `connect` on Linux.
    socket.setSendTimeout(timeout)
    var address = loopback(port: port)
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        posixConnect(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if result != 0 {
      let code = errno
      switch code {
      case ECONNREFUSED: throw .connectionRefused(port: port)
      case EAGAIN, EWOULDBLOCK, EINPROGRESS, ETIMEDOUT: throw .timedOut
      default: throw .system(call: "connect", errno: code)
      }
    }
    var yes: Int32 = 1
    _ = setsockopt(
      socket.fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
    return socket
  }

  /// Waits for the next connection; throws `.timedOut` if `wakeup` fired first.
  ///
  /// Returns only when a connection arrived or `wakeup` became readable, so a server can stop its
  /// accept loop without closing a descriptor under a blocked `accept`.
  func accept(orWakeUpOn wakeup: Int32) throws(RPCError) -> TCPSocket {
    while true {
      var fds = [
        pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, nfds_t(2), -1)
      if ready < 0 {
        if errno == EINTR { continue }
        throw .system(call: "poll", errno: errno)
      }
      if fds[1].revents != 0 { throw .timedOut }
      let client = posixAccept(fd)
      if client >= 0 {
        let socket = TCPSocket(fd: client)
        socket.configureNoSigpipe()
        return socket
      }
      let code = errno
      if code == EINTR || code == EAGAIN || code == ECONNABORTED { continue }
      throw .system(call: "accept", errno: code)
    }
  }

  /// The port this socket is bound to.
  var localPort: UInt16 {
    var address = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let result = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return result == 0 ? UInt16(bigEndian: address.sin_port) : 0
  }

  // MARK: - Data

  /// Sends every byte of `bytes`.
  ///
  /// Uses `MSG_NOSIGNAL` (Linux) or `SO_NOSIGPIPE` (Darwin): writing to a peer that hung up must
  /// be an error for this connection, not a signal that kills the whole process.
  func send(_ bytes: [UInt8]) throws(RPCError) {
    var sent = 0
    while sent < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        posixSend(fd, buffer.baseAddress! + sent, buffer.count - sent, SocketPlatform.sendFlags)
      }
      if result > 0 {
        sent += result
        continue
      }
      let code = errno
      if result < 0 && code == EINTR { continue }
      throw Self.error(for: code, call: "send")
    }
  }

  /// Receives up to `count` bytes, waiting until `deadline`.
  /// - Returns: the bytes received; an empty array means the peer closed its side.
  func receive(upTo count: Int, until deadline: ContinuousClock.Instant) throws(RPCError)
    -> [UInt8]
  {
    guard try waitReadable(until: deadline) else { throw .timedOut }
    var buffer = [UInt8](repeating: 0, count: count)
    while true {
      let result = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, count, 0) }
      if result >= 0 { return Array(buffer[..<result]) }
      let code = errno
      if code == EINTR { continue }
      if code == EAGAIN || code == EWOULDBLOCK { throw .timedOut }
      throw Self.error(for: code, call: "recv")
    }
  }

  /// Waits until the socket has data, an end of stream or an error to report, or `deadline`.
  /// - Returns: `false` if the deadline passed first.
  func waitReadable(until deadline: ContinuousClock.Instant) throws(RPCError) -> Bool {
    try Self.waitReadable(fd, until: deadline)
  }

  /// Waits until descriptor `fd` is readable, or `limit` has passed.
  /// - Returns: `false` if the time ran out first.
  static func waitReadable(_ fd: Int32, for limit: Duration) throws(RPCError) -> Bool {
    try waitReadable(fd, until: .now + limit)
  }

  private static func waitReadable(_ fd: Int32, until deadline: ContinuousClock.Instant)
    throws(RPCError) -> Bool
  {
    while true {
      let left = ContinuousClock.now.duration(to: deadline)
      let milliseconds = max(0, left.wholeMillisecondsRoundedUp)
      var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&entry, nfds_t(1), Int32(clamping: milliseconds))
      if ready > 0 { return true }
      if ready == 0 {
        if ContinuousClock.now >= deadline { return false }
        continue
      }
      if errno == EINTR { continue }
      throw .system(call: "poll", errno: errno)
    }
  }

  // MARK: - Closing

  /// Shuts both directions down, waking any thread blocked on this socket. Safe from any thread.
  func shutdown() {
    guard !closed.load(ordering: .acquiring) else { return }
    _ = posixShutdown(fd, Int32(SHUT_RDWR))
  }

  /// Stops sending (the peer reads an end of stream) but keeps receiving.
  func shutdownWrite() {
    _ = posixShutdown(fd, Int32(SHUT_WR))
  }

  /// Closes after a polite goodbye: stop sending (FIN), then drain what the peer still sends.
  ///
  /// Closing a socket with unread input makes the kernel send a reset, which can destroy an
  /// error reply the peer has not read yet. Draining first lets that reply arrive.
  func closeGracefully(drainingFor limit: Duration = .milliseconds(200)) {
    shutdownWrite()
    let deadline = ContinuousClock.now + limit
    var drained = 0
    while drained < 64 * 1024 {
      guard let bytes = try? receive(upTo: 4096, until: deadline), !bytes.isEmpty else { break }
      drained += bytes.count
    }
    close()
  }

  /// Closes with a reset (RST) instead of a goodbye (FIN): the peer sees "connection reset".
  ///
  /// This is how the fault relay "cuts" a connection: abruptly, as a crashed machine or a
  /// broken network path would.
  func reset() {
    var option = linger(l_onoff: 1, l_linger: 0)
    _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    close()
  }

  /// Closes the descriptor, once. Only the owner of the socket calls this.
  func close() {
    guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    _ = posixClose(fd)
  }

  // MARK: - Helpers

  private static func make() throws(RPCError) -> TCPSocket {
    let fd = socket(AF_INET, SocketPlatform.streamType, 0)
    guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
    let socket = TCPSocket(fd: fd)
    socket.configureNoSigpipe()
    return socket
  }

  private func configureNoSigpipe() {
    SocketPlatform.preventSigpipe(fd)
  }

  private func setSendTimeout(_ timeout: Duration) {
    let micros = max(1000, timeout.wholeMicroseconds)
    var value = timeval(tv_sec: .init(micros / 1_000_000), tv_usec: .init(micros % 1_000_000))
    _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  private static func loopback(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    SocketPlatform.setLength(&address)
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
    return address
  }

  private static func error(for code: Int32, call: String) -> RPCError {
    switch code {
    case ECONNRESET, EPIPE, ENOTCONN, ESHUTDOWN: .connectionReset
    case EAGAIN, EWOULDBLOCK: .timedOut
    default: .system(call: call, errno: code)
    }
  }
}

// MARK: - POSIX calls whose names clash with methods of `TCPSocket`

// Inside `TCPSocket`, `close(fd)` would find the method; out here it finds the C function, on
// Linux and Darwin alike.

private func posixListen(_ fd: Int32, _ backlog: Int32) -> Int32 {
  listen(fd, backlog)
}

private func posixConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t)
  -> Int32
{
  connect(fd, address, length)
}

private func posixAccept(_ fd: Int32) -> Int32 {
  accept(fd, nil, nil)
}

private func posixSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int
{
  send(fd, bytes, count, flags)
}

private func posixShutdown(_ fd: Int32, _ how: Int32) -> Int32 {
  shutdown(fd, how)
}

private func posixClose(_ fd: Int32) -> Int32 {
  close(fd)
}
