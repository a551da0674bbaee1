import Foundation  // C library calls: Glibc on Linux, Darwin on macOS

/// A pipe whose only job is to wake a thread blocked in `poll`.
///
/// Closing a listening socket does not reliably wake a thread blocked in `accept` (on Linux it
/// does not), and closing a descriptor another thread still uses is a bug. So the accept loop
/// polls this pipe too, and `stop()` writes one byte into it.
final class WakePipe: Sendable {
  /// The end to poll for readability.
  let readEnd: Int32
  private let writeEnd: Int32

  /// Creates the pipe.
  init() throws(RPCError) {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw .system(call: "pipe", errno: errno) }
    readEnd = fds[0]
    writeEnd = fds[1]
  }

  /// Makes `readEnd` readable, for good (the byte is never consumed).
  func wake() {
    var byte: UInt8 = 1
    _ = write(writeEnd, &byte, 1)
  }

  deinit {
    _ = close(readEnd)
    _ = close(writeEnd)
  }
}
