/// A priority queue of events ordered by `(time, sequence)`: earliest first, and among events due
/// at the same time, the one scheduled first.
///
/// The sequence number makes the order total, so two runs that schedule the same events pop them
/// in the same order: no tie is ever left to chance. (The same rule as SwiftNIO's
/// `EmbeddedEventLoop`.) The heap holds only `(time, sequence, slot)` triples; the events wait in
/// a slot array, so sifting moves three integers instead of copying a message.
public struct EventQueue<Element> {
  @usableFromInline
  struct Entry {
    @usableFromInline let time: Int64
    @usableFromInline let sequence: UInt64
    @usableFromInline let slot: Int32

    @inlinable
    init(time: Int64, sequence: UInt64, slot: Int32) {
      self.time = time
      self.sequence = sequence
      self.slot = slot
    }

    @inlinable
    func precedes(_ other: Entry) -> Bool {
      time != other.time ? time < other.time : sequence < other.sequence
    }
  }

  @usableFromInline var heap: [Entry] = []
  @usableFromInline var slots: [Element?] = []
  @usableFromInline var freeSlots: [Int32] = []
  @usableFromInline var nextSequence: UInt64 = 0

  /// Creates an empty queue with room for `capacity` events before it grows.
  @inlinable
  public init(capacity: Int = 0) {
    heap.reserveCapacity(capacity)
    slots.reserveCapacity(capacity)
    freeSlots.reserveCapacity(capacity)
  }

  /// Number of queued events.
  @inlinable public var count: Int { heap.count }

  /// Whether nothing is queued.
  @inlinable public var isEmpty: Bool { heap.isEmpty }

  /// The time of the next event, if any.
  @inlinable public var nextTime: Int64? { heap.first?.time }

  /// Whether any queued event satisfies `predicate` (in no particular order).
  /// - Complexity: O(n).
  @inlinable
  public func contains(where predicate: (Element) -> Bool) -> Bool {
    slots.contains { $0.map(predicate) ?? false }
  }

  /// Empties the queue, keeping its capacity, and restarts the sequence numbers.
  @inlinable
  public mutating func removeAll() {
    heap.removeAll(keepingCapacity: true)
    slots.removeAll(keepingCapacity: true)
    freeSlots.removeAll(keepingCapacity: true)
    nextSequence = 0
  }

  /// Queues `element` to happen at `time`.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func push(_ element: Element, at time: Int64) {
    let slot: Int32
    if let reused = freeSlots.popLast() {
      slot = reused
      slots[Int(slot)] = element
    } else {
      slot = Int32(slots.count)
      slots.append(element)
    }
    heap.append(Entry(time: time, sequence: nextSequence, slot: slot))
    nextSequence &+= 1
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].precedes(heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the earliest event.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func pop() -> (time: Int64, element: Element)? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let top = heap.removeLast()
    // Swaps, as it always did: the bare loop of `bench simulator` measures this code.
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { break }
      var best = left
      if left + 1 < heap.count, heap[left + 1].precedes(heap[left]) { best = left + 1 }
      guard heap[best].precedes(heap[parent]) else { break }
      heap.swapAt(best, parent)
      parent = best
    }
    let element = slots[Int(top.slot)].take()!
    freeSlots.append(top.slot)
    return (top.time, element)
  }

  /// The earliest event, left in the queue (its time is `nextTime`). A scheduler that handles it and queues what it
  /// starts can then pass the first new event to `replaceFirst(with:at:)`: the same queue as
  /// `pop()` and `push(_:at:)`, with one sift instead of two. Otherwise it calls `removeFirst()`.
  @inlinable
  public var first: Element? {
    guard let top = heap.first else { return nil }
    return slots[Int(top.slot)]
  }

  /// Removes the earliest event: `pop()`, for an event already read with `first`.
  /// - Complexity: O(log n).
  @inlinable
  public mutating func removeFirst() {
    let top = heap[0]
    let last = heap.removeLast()
    if !heap.isEmpty { siftDown(last) }  // the last entry takes the first's place
    slots[Int(top.slot)] = nil
    freeSlots.append(top.slot)
  }

  /// Removes the earliest event and queues `element` to happen at `time`: `pop()` then
  /// `push(element, at: time)`, in one sift (the new event takes the old one's place and
  /// slot, and the next sequence number, as from `push`).
  /// - Complexity: O(log n).
  @inlinable
  public mutating func replaceFirst(with element: Element, at time: Int64) {
    let slot = heap[0].slot
    slots[Int(slot)] = element
    siftDown(Entry(time: time, sequence: nextSequence, slot: slot))
    nextSequence &+= 1
  }

  /// Puts `entry` first in the heap, in place of the first entry, and moves it down to its
  /// place: the entries it passes move up into the hole it leaves, in the heap's buffer (a
  /// swap would write both and check the buffer's uniqueness each time).
  @inlinable
  mutating func siftDown(_ entry: Entry) {
    heap.withUnsafeMutableBufferPointer { heap in
      var hole = 0
      var child = 1  // the earlier of the hole's children
      while child < heap.count {
        if child + 1 < heap.count, heap[child + 1].precedes(heap[child]) { child += 1 }
        guard heap[child].precedes(entry) else { break }
        heap[hole] = heap[child]
        hole = child
        child = 2 * hole + 1
      }
      heap[hole] = entry
    }
  }
}
