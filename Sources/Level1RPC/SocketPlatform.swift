import Foundation  // C library calls: Glibc on Linux, Darwin on macOS

/// The few ways Linux and Darwin sockets differ, in one place.
///
/// Everything else in Level 1 makes the same calls on both systems, so the code that runs on a
/// Mac is the code CI builds on Linux. Each member exists on both sides with one signature; only
/// its body or value changes.
enum SocketPlatform {
  #if canImport(Glibc)
    /// `SOCK_STREAM` as `socket()` takes it (an enum case on Glibc).
    static let streamType = Int32(SOCK_STREAM.rawValue)

    /// Flags for every `send`: on Linux, `MSG_NOSIGNAL` keeps a send to a closed peer from
    /// raising `SIGPIPE`.
    static let sendFlags = Int32(MSG_NOSIGNAL)

    /// Makes sends on `fd` fail instead of raising `SIGPIPE`; on Linux `sendFlags` does that.
    static func preventSigpipe(_ fd: Int32) {}

    /// Fills in the length field some systems keep in `sockaddr_in`; Linux has none.
    static func setLength(_ address: inout sockaddr_in) {}
  #else
    /// `SOCK_STREAM` as `socket()` takes it.
    static let streamType = SOCK_STREAM

    /// Flags for every `send`: none on Darwin (see `preventSigpipe`).
    static let sendFlags: Int32 = 0

    /// Makes sends on `fd` fail instead of raising `SIGPIPE` (`SO_NOSIGPIPE`).
    static func preventSigpipe(_ fd: Int32) {
      var yes: Int32 = 1
      _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Fills in `sin_len`, which Darwin's `sockaddr_in` has.
    static func setLength(_ address: inout sockaddr_in) {
      address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
    }
  #endif
}
