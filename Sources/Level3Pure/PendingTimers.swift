/// A replica node's pending timers, in the order they were started, at most one of each kind:
/// the kinds in 4-bit slots of one word. No heap buffer, so copying a node (which a search
/// does at every step) copies no array, and arming a timer allocates nothing.
public struct PendingTimers: RandomAccessCollection, Hashable, Sendable {
  /// Slot `i` holds the kind of the `i`-th pending timer, plus one, in bits `4i..<4i + 4`.
  private var slots: UInt64 = 0
  /// How many timers are pending.
  public private(set) var count = 0

  /// No timer pending.
  public init() {}

  /// The first position.
  public var startIndex: Int { 0 }
  /// Past the last pending timer.
  public var endIndex: Int { count }

  /// The pending timer at `position`, in the order started.
  public subscript(position: Int) -> ReplicaTimer {
    precondition(position >= 0 && position < count, "no pending timer at \(position)")
    return ReplicaTimer(kind: Int(slots >> UInt64(4 * position) & 0xF) - 1)
  }

  /// Starts `timer`: one pending timer per kind, so starting one again re-arms it, last.
  mutating func arm(_ timer: ReplicaTimer) {
    if let pending = firstIndex(of: timer) { remove(at: pending) }
    precondition(count < 16 && timer.kind < 15, "too many kinds of replica timer")
    slots |= UInt64(timer.kind + 1) << UInt64(4 * count)
    count += 1
  }

  /// Removes the timer at `position`; those after it move up.
  mutating func remove(at position: Int) {
    precondition(position >= 0 && position < count, "no pending timer at \(position)")
    let shift = UInt64(4 * position)
    let below = slots & ((1 << shift) - 1)
    slots = below | (slots >> (shift + 4)) << shift
    count -= 1
  }

  /// The timers whose kinds `word` lists (as `packedKinds` wrote them).
  init(kinds word: UInt64, count: Int) {
    slots = word
    self.count = count
  }

  /// The pending timers' kinds (plus one each), four bits each, in order.
  var packedKinds: UInt64 { slots }
}

extension Array where Element == ClientTimer {
  /// Starts `timer` among a client's pending timers: one pending timer per kind, so starting
  /// one again re-arms it. Timers stay in the order they were started, the re-armed one last.
  /// (A replica's timers carry no payload and are kept in a word: `PendingTimers`.)
  @inline(__always)
  mutating func arm(_ timer: Element) {
    // At most one to remove: `removeAll(where:)` would take its general path at every re-arm.
    if let pending = firstIndex(where: { $0.kind == timer.kind }) {
      // Already last (a node's only timer usually is): replaced where it stands, one write.
      if pending == count - 1 {
        self[pending] = timer
        return
      }
      remove(at: pending)
    }
    append(timer)
  }
}
