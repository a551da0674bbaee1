import Dispatch
import Testing

@testable import Level2Messaging

@Suite struct DueThreadTests {
  @Test(.timeLimit(.minutes(1)))
  func itemsDueTogetherComeOutInOneBatchInTheOrderTheyWentIn() {
    let thread = DueThread<String>(name: "due")
    let delivered = Mailbox<[String]>()
    // Inserted before `start`, all already due: the first pass takes them together.
    let now = DispatchTime.now().uptimeNanoseconds
    thread.insert("a", due: now)
    thread.insert("b", due: now)
    thread.insert("early", due: now - 1_000_000)
    thread.insert("c", due: now)
    thread.start { delivered.put($0) }
    let first = delivered.take(before: deadline(inMilliseconds: 5_000))
    #expect(first == .item(["early", "a", "b", "c"]))
    #expect(thread.count == 0)
    let ended = thread.shutdown(before: deadline(inMilliseconds: 2_000))
    #expect(ended == (true, 0))
  }

  @Test(.timeLimit(.minutes(1)))
  func shutdownSaysHowManyItemsItForgotAndRefusesLaterInserts() {
    let thread = DueThread<String>(name: "due")
    let delivered = Mailbox<[String]>()
    thread.start { delivered.put($0) }
    let later = DispatchTime.now().uptimeNanoseconds + 60_000_000_000
    for item in ["x", "y", "z"] { #expect(thread.insert(item, due: later)) }
    #expect(thread.count == 3)
    let ended = thread.shutdown(before: deadline(inMilliseconds: 2_000))
    #expect(ended == (true, 3))
    #expect(!thread.insert("after", due: 0))
    #expect(thread.count == 0)
    #expect(delivered.count == 0)
  }

  @Test func aThreadNeverStartedEndsAtOnce() {
    let thread = DueThread<String>(name: "due")
    thread.insert("x", due: 0)
    let ended = thread.shutdown(before: .now())
    #expect(ended == (true, 1))
    thread.start { _ in }  // after shutdown: does nothing
    #expect(thread.count == 0)
  }
}
