import Testing

@testable import Level3Pure

/// A replica's pending timers, kept in one word: one per kind, in the order started.
@Suite struct PendingTimersTests {
  @Test func armingAgainReArmsTheOnePendingTimer() {
    var timers = PendingTimers()
    #expect(timers.isEmpty)
    timers.arm(.gossip)
    timers.arm(.gossip)
    #expect(Array(timers) == [.gossip])
    timers.remove(at: 0)
    #expect(timers.isEmpty)
    #expect(timers == PendingTimers(), "an emptied set equals a fresh one")
  }

  /// Removing moves the later timers up, whatever kinds they are (the word holds a kind plus
  /// one per four bits).
  @Test func removingMovesTheLaterTimersUp() {
    var timers = PendingTimers(kinds: 0x321, count: 3)
    timers.remove(at: 1)
    #expect(timers.packedKinds == 0x31)
    #expect(timers.count == 2)
    timers.remove(at: 1)
    #expect(timers.packedKinds == 0x1)
    timers.remove(at: 0)
    #expect(timers.packedKinds == 0 && timers.isEmpty)
  }
}
