/// Items that wait for a moment in real time, each with the `DispatchTime.uptimeNanoseconds` it
/// falls due at: the queue behind a thread that sleeps until the next one is due.
///
/// Items due at the same moment come out in the order they went in. Kept sorted latest first,
/// so the next due is taken from the end. `DueThread` keeps its items in one.
public struct DueList<Element> {
  private var items: [(due: UInt64, sequence: Int, element: Element)] = []
  private var nextSequence = 0

  /// An empty list.
  public init() {}

  /// How many items wait.
  public var count: Int { items.count }

  /// When the next item falls due, `nil` when none waits.
  public var nextDue: UInt64? { items.last?.due }

  /// Adds `element`, due at `due`.
  /// - Complexity: O(*n*) for *n* items (a binary search, then an insertion).
  public mutating func insert(_ element: Element, due: UInt64) {
    let sequence = nextSequence
    nextSequence += 1
    // Binary search for the place that keeps "latest first" order.
    var low = 0
    var high = items.count
    while low < high {
      let middle = (low + high) / 2
      if (items[middle].due, items[middle].sequence) > (due, sequence) {
        low = middle + 1
      } else {
        high = middle
      }
    }
    items.insert((due, sequence, element), at: low)
  }

  /// Takes out every item due at `now` or earlier, earliest first.
  public mutating func removeDue(atOrBefore now: UInt64) -> [Element] {
    var due: [Element] = []
    while let last = items.last, last.due <= now { due.append(items.removeLast().element) }
    return due
  }

  /// Forgets every item.
  public mutating func removeAll() { items.removeAll() }
}
