import Dispatch
import Testing

@testable import Level2Messaging

@Suite struct MailboxTests {
  @Test func itemsComeOutInTheOrderTheyWentIn() {
    let mailbox = Mailbox<Int>()
    for number in 0..<100 { #expect(mailbox.put(number)) }
    #expect(mailbox.count == 100)
    let taken = (0..<100).map { _ in mailbox.take(before: .now()) }
    #expect(taken == (0..<100).map { .item($0) })
    #expect(mailbox.count == 0)
  }

  @Test(.timeLimit(.minutes(1)))
  func takeTimesOutWhenNothingArrives() {
    let mailbox = Mailbox<Int>()
    let start = DispatchTime.now()
    #expect(mailbox.take(before: start + .milliseconds(5)) == .timedOut)
    #expect(DispatchTime.now() >= start + .milliseconds(5))
  }

  @Test func closeHandsOutWhatIsQueuedThenReportsClosed() {
    let mailbox = Mailbox<String>()
    mailbox.put("a")
    mailbox.put("b")
    mailbox.close()
    #expect(mailbox.isClosed)
    #expect(!mailbox.put("c"))
    let deadline = DispatchTime.now() + .seconds(5)
    #expect(mailbox.take(before: deadline) == .item("a"))
    #expect(mailbox.take(before: deadline) == .item("b"))
    #expect(mailbox.take(before: deadline) == .closed)
    #expect(mailbox.take(before: deadline) == .closed)
  }

  @Test(.timeLimit(.minutes(1)))
  func anItemFromAnotherThreadWakesTheWaitingOwner() throws {
    let mailbox = Mailbox<Int>()
    let sender = Worker(name: "sender") {
      for number in 1...3 { mailbox.put(number) }
    }
    let received = (1...3).map { _ in mailbox.take(before: deadline(inMilliseconds: 5_000)) }
    #expect(received == [.item(1), .item(2), .item(3)])
    #expect(sender.join(before: deadline(inMilliseconds: 5_000)))
  }

  @Test(.timeLimit(.minutes(1)))
  func closeWakesAnOwnerThatIsWaiting() {
    let mailbox = Mailbox<Int>()
    let owner = Worker(name: "owner") {
      _ = mailbox.take(before: deadline(inMilliseconds: 30_000))
    }
    mailbox.close()
    #expect(owner.join(before: deadline(inMilliseconds: 5_000)))
  }
}

@Suite struct WorkerTests {
  @Test(.timeLimit(.minutes(1)))
  func joinReturnsOnceTheBodyHasRun() {
    let ran = Mailbox<Bool>()
    let worker = Worker(name: "once") { ran.put(true) }
    #expect(worker.join(before: deadline(inMilliseconds: 5_000)))
    #expect(worker.isFinished)
    #expect(ran.take(before: .now()) == .item(true))
    #expect(worker.join(before: .now()), "a second join returns at once")
  }

  @Test(.timeLimit(.minutes(1)))
  func joinGivesUpAtTheDeadlineWhileTheBodyStillRuns() {
    let release = Mailbox<Bool>()
    let worker = Worker(name: "blocked") {
      _ = release.take(before: deadline(inMilliseconds: 30_000))
    }
    #expect(!worker.join(before: deadline(inMilliseconds: 10)))
    #expect(!worker.isFinished)
    release.put(true)
    #expect(worker.join(before: deadline(inMilliseconds: 5_000)))
  }
}
