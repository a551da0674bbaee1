import Dispatch
import Testing

import class Level2Messaging.Mailbox

@testable import Level3Runtime

@Suite struct TimerThreadTests {
  /// Takes `count` items from `mailbox`, throwing if they do not all arrive within 5 s.
  func receive(_ count: Int, from mailbox: Mailbox<Int>) throws -> [Int] {
    let end = DispatchTime.now() + .seconds(5)
    var received: [Int] = []
    while received.count < count {
      switch mailbox.take(before: end) {
      case .item(let item): received.append(item)
      case .timedOut: throw TestFailure("got \(received) of \(count) timers in 5 s")
      case .closed: throw TestFailure("mailbox closed after \(received)")
      }
    }
    return received
  }

  @Test(.timeLimit(.minutes(1)))
  func timersArriveInTheOrderOfTheirDueTimes() throws {
    let timers = TimerThread<Int>()
    let mailbox = Mailbox<Int>()
    timers.start()
    timers.schedule(3, into: mailbox, after: .milliseconds(30))
    timers.schedule(1, into: mailbox, after: .milliseconds(10))
    timers.schedule(2, into: mailbox, after: .milliseconds(20))
    timers.schedule(0, into: mailbox, after: .zero)
    #expect(try receive(4, from: mailbox) == [0, 1, 2, 3])
    #expect(timers.pendingCount == 0)
    #expect(timers.shutdown(before: .now() + .seconds(2)))
  }

  @Test(.timeLimit(.minutes(1)))
  func shutdownForgetsPendingTimersAndEndsTheThread() {
    let timers = TimerThread<Int>()
    let mailbox = Mailbox<Int>()
    timers.start()
    timers.schedule(1, into: mailbox, after: .seconds(60))
    #expect(timers.pendingCount == 1)
    #expect(timers.shutdown(before: .now() + .seconds(2)))
    #expect(timers.pendingCount == 0)
    timers.schedule(2, into: mailbox, after: .zero)  // ignored: the thread has stopped
    #expect(timers.pendingCount == 0)
    #expect(mailbox.count == 0)
  }

  @Test(.timeLimit(.minutes(1)))
  func aTimerForAClosedMailboxIsDiscarded() throws {
    let timers = TimerThread<Int>()
    let closed = Mailbox<Int>()
    closed.close()
    let open = Mailbox<Int>()
    timers.start()
    timers.schedule(1, into: closed, after: .zero)
    timers.schedule(2, into: open, after: .milliseconds(1))
    #expect(try receive(1, from: open) == [2])
    #expect(closed.count == 0)
    #expect(timers.shutdown(before: .now() + .seconds(2)))
  }
}
