import Testing

@testable import Level3Pure

@Suite struct EventQueueTests {
  @Test func emptyQueuePopsNothing() {
    var queue = EventQueue<String>()
    #expect(queue.pop() == nil)
    #expect(queue.isEmpty)
  }

  @Test func earliestFirstThenInsertionOrder() {
    var queue = EventQueue<String>()
    queue.push("c", at: 5)
    queue.push("a", at: 1)
    queue.push("d", at: 5)
    queue.push("b", at: 1)
    queue.push("e", at: 9)
    #expect(queue.nextTime == 1)
    var popped: [String] = []
    while let (_, element) = queue.pop() { popped.append(element) }
    #expect(popped == ["a", "b", "c", "d", "e"])
  }

  @Test func manyTiesKeepInsertionOrder() {
    var queue = EventQueue<Int>()
    var generator = SplitOrder(seed: 3)
    var expected: [(Int64, Int)] = []
    for index in 0..<500 {
      let time = Int64(generator.next() % 7)
      queue.push(index, at: time)
      expected.append((time, index))
    }
    expected.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var popped: [Int] = []
    while let (_, element) = queue.pop() { popped.append(element) }
    #expect(popped == expected.map(\.1))
  }

  /// A scheduler that reads `first` and then replaces or removes it handles the same events in
  /// the same order as one that pops and pushes (what the simulator relies on).
  @Test func replacingTheFirstMatchesPopThenPush() {
    var popping = EventQueue<Int>()
    var replacing = EventQueue<Int>()
    var generator = SplitOrder(seed: 11)
    for index in 0..<8 {
      let time = Int64(generator.next() % 5)
      popping.push(index, at: time)
      replacing.push(index, at: time)
    }
    var next = 8
    var handled: [Int] = []
    var handledAgain: [Int] = []
    for _ in 0..<2_000 {
      // Each event starts zero to three new ones, at times that tie often.
      let (now, event) = popping.pop()!
      let time = replacing.nextTime!
      let first = replacing.first!
      handled.append(event)
      handledAgain.append(first)
      let starts = Int(generator.next() % 4)
      if starts == 0 { replacing.removeFirst() }
      for start in 0..<starts {
        let later = now + Int64(generator.next() % 4)
        popping.push(next, at: later)
        if start == 0 {
          replacing.replaceFirst(with: next, at: later)
        } else {
          replacing.push(next, at: later)
        }
        next += 1
      }
      #expect(time == now)
      #expect(replacing.count == popping.count)
      if popping.isEmpty { break }
    }
    #expect(handledAgain == handled)
    #expect(handled.count > 100)
  }
}

/// A tiny deterministic sequence for the test above.
private struct SplitOrder {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state >> 33
  }
}
