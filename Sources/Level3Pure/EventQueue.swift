/// A priority queue of events ordered by `(time, sequence)`: earliest first, and among events due
/// at the same time, the one scheduled first.
///
/// The sequence number makes the order total, so two runs that schedule the same events pop them
/// in the same order: no tie is ever left to chance. (The same rule as SwiftNIO's
/// `EmbeddedEventLoop`.)
public struct EventQueue<Element> {
  private struct Entry {
    let time: Int64
    let sequence: UInt64
    let element: Element

    func precedes(_ other: Entry) -> Bool {
      time != other.time ? time < other.time : sequence < other.sequence
    }
  }

  private var heap: [Entry] = []
  private var nextSequence: UInt64 = 0

  /// Creates an empty queue.
  public init() {}

  /// Number of queued events.
  public var count: Int { heap.count }

  /// Whether nothing is queued.
  public var isEmpty: Bool { heap.isEmpty }

  /// The time of the next event, if any.
  public var nextTime: Int64? { heap.first?.time }

  /// Whether any queued event satisfies `predicate` (in no particular order).
  /// - Complexity: O(n).
  public func contains(where predicate: (Element) -> Bool) -> Bool {
    heap.contains { predicate($0.element) }
  }

  /// Queues `element` to happen at `time`.
  /// - Complexity: O(log n).
  public mutating func push(_ element: Element, at time: Int64) {
    heap.append(Entry(time: time, sequence: nextSequence, element: element))
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
  public mutating func pop() -> (time: Int64, element: Element)? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let top = heap.removeLast()
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
    return (top.time, top.element)
  }
}
