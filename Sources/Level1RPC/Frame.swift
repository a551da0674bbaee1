/// The wire format: each message is a 4-byte big-endian length, then that many payload bytes.
///
/// TCP delivers a stream of bytes, not messages; the length prefix is how both ends find where one
/// message stops. A payload may be at most `maxLength` bytes: a reader trusts no length it did
/// not check, so a garbage header cannot make a server allocate gigabytes or wait forever.
public enum Frame {
  /// The largest payload a frame may carry, in bytes. Longer frames are refused.
  public static let maxLength = 1024

  /// Bytes in the length prefix.
  public static let headerLength = 4

  /// Returns `payload` with its length prefix.
  /// - Throws: `FrameError.tooLarge` if the payload is longer than `maxLength`.
  public static func encode(_ payload: [UInt8]) throws(FrameError) -> [UInt8] {
    guard payload.count <= maxLength else { throw .tooLarge(length: payload.count) }
    return header(length: UInt32(payload.count)) + payload
  }

  /// The 4 header bytes announcing `length`; any value, so tests can lie about lengths.
  public static func header(length: UInt32) -> [UInt8] {
    [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) }
  }

  /// Reads the payload length from the first 4 bytes of `header`.
  public static func length(ofHeader header: [UInt8]) -> Int {
    header.prefix(headerLength).reduce(0) { $0 << 8 | Int($1) }
  }

  /// Reads one frame from `socket`, waiting until `deadline`, and returns its payload.
  ///
  /// The header is checked before any payload is read, so an oversized length is refused at once.
  static func read(from socket: TCPSocket, until deadline: ContinuousClock.Instant)
    throws(FrameError) -> [UInt8]
  {
    let header = try readExactly(headerLength, from: socket, until: deadline, frameStarted: false)
    let length = Self.length(ofHeader: header)
    guard length <= maxLength else { throw .tooLarge(length: length) }
    return try readExactly(length, from: socket, until: deadline, frameStarted: true)
  }

  private static func readExactly(
    _ count: Int, from socket: TCPSocket, until deadline: ContinuousClock.Instant,
    frameStarted: Bool
  ) throws(FrameError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    // Bytes of the frame before this part (the header, when reading the payload).
    let before = frameStarted ? headerLength : 0
    while bytes.count < count {
      let chunk: [UInt8]
      do {
        chunk = try socket.receive(upTo: count - bytes.count, until: deadline)
      } catch .timedOut {
        let started = frameStarted || !bytes.isEmpty
        throw started ? .truncated(received: before + bytes.count, timedOut: true) : .timedOut
      } catch .connectionReset {
        throw .connectionReset
      } catch {
        throw .failed(error)
      }
      if chunk.isEmpty {
        let started = frameStarted || !bytes.isEmpty
        throw started ? .truncated(received: before + bytes.count, timedOut: false) : .closed
      }
      bytes += chunk
    }
    return bytes
  }
}
