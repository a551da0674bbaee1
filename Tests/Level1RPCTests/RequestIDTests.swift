import CounterSpec
import Testing

@testable import Level1RPC

/// An increment may carry a request ID; a server's `IncrementLedger` decides whether it counts.
@Suite struct RequestIDTests {
  static let c0n1 = RequestID(client: ClientID(0), number: 1)

  /// The ledger of the exercise's answer: every ID once.
  struct OncePerID: IncrementLedger {
    var applied = RequestSet()
    mutating func admit(_ request: RequestID) -> Bool { applied.insert(request) }
  }

  @Test func anIDTravelsInTheIncrementFrame() throws {
    #expect(
      String(decoding: Request.increment.payload(id: Self.c0n1), as: UTF8.self) == "increment c0#1")
    let withID = try #require(Request.parse(Request.increment.payload(id: Self.c0n1)))
    #expect(withID.request == .increment && withID.id == Self.c0n1)
    let plain = try #require(Request.parse(Array("increment".utf8)))
    #expect(plain.request == .increment && plain.id == nil)
    let read = try #require(Request.parse(Array("value".utf8)))
    #expect(read.request == .value && read.id == nil)
    #expect(Request.value.payload(id: Self.c0n1) == Request.value.payload)
  }

  @Test(arguments: [
    "increment c0", "increment c0#1 c0#2", "value c0#1", "increment r0#1", "increment  c0#1",
  ])
  func malformedIDsAreUnknownCommands(_ text: String) {
    #expect(Request.parse(Array(text.utf8)) == nil)
  }

  @Test(.timeLimit(.minutes(1)))
  func aServerWithALedgerCountsARepeatedIDOnce() throws {
    let counter = LocalCounter()
    let server = try CounterServer(counter: counter, ledger: OncePerID())
    defer { server.stop() }
    let client = RemoteCounter(port: server.port, timeout: .seconds(5))
    defer { client.close() }
    try client.increment(id: Self.c0n1)
    try client.increment(id: Self.c0n1)  // acknowledged again, not applied again
    try client.increment(id: RequestID(client: ClientID(1), number: 1))
    try client.increment()  // no ID: the ledger is not asked
    #expect(try client.value() == 3)
    #expect(client.lastReport?.summary == "ok")
  }

  @Test(.timeLimit(.minutes(1)))
  func theDefaultLedgerCountsEveryCall() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let client = RemoteCounter(port: server.port, timeout: .seconds(5))
    defer { client.close() }
    try client.increment(id: Self.c0n1)
    try client.increment(id: Self.c0n1)
    #expect(try client.value() == 2)
  }

  /// Faults on the retries too: each faulted attempt counts if its fault came after the apply.
  @Test(.timeLimit(.minutes(1)))
  func aRetryCanMeetAFaultToo() throws {
    let row = try PartialFailureDemo.run([.replyLost, .replyLost], policy: .retry(times: 1))
    #expect(row.serverCounted == 2)
    #expect(row.retryFaults == [.replyLost])
    #expect(row.report.summary == "timeout, gave up after 1 retry")
    let third = try PartialFailureDemo.run(
      [.requestLost, .cutBeforeApply], policy: .retry(times: 2))
    #expect(third.serverCounted == 1)
    #expect(third.report.summary == "ok after 2 retries (timeout, connection reset)")
  }

  /// With IDs and a ledger, the retry of a lost reply is recognised: 1 instead of 2.
  @Test(.timeLimit(.minutes(1)))
  func aLedgerTurnsTheLostReplyRetryIntoOne() throws {
    let row = try PartialFailureDemo.run(
      [.replyLost], policy: .retry(times: 1), ledger: OncePerID()
    ) {
      try $0.increment(id: Self.c0n1)
    }
    #expect(row.serverCounted == 1)
    #expect(row.violation == nil)
    #expect(row.report.summary == "ok after 1 retry (timeout)")
  }
}
