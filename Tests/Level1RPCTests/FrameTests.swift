import Testing

@testable import Level1RPC

@Suite struct FrameTests {
  @Test func headerIsFourBytesBigEndian() throws {
    #expect(Frame.header(length: 0x0102_0304) == [1, 2, 3, 4])
    #expect(Frame.length(ofHeader: [0, 0, 4, 0]) == 1024)
    #expect(try Frame.encode(Array("value".utf8)) == [0, 0, 0, 5] + Array("value".utf8))
  }

  @Test func encodeAcceptsTheMaximumAndRefusesOneMore() throws {
    #expect(try Frame.encode([UInt8](repeating: 7, count: Frame.maxLength)).count == 4 + 1024)
    #expect(throws: FrameError.tooLarge(length: 1025)) {
      try Frame.encode([UInt8](repeating: 7, count: Frame.maxLength + 1))
    }
  }

  @Test func requestsAreExactWords() {
    #expect(Request(payload: Array("increment".utf8)) == .increment)
    #expect(Request(payload: Array("value".utf8)) == .value)
    #expect(Request(payload: Array("INCREMENT".utf8)) == nil)
    #expect(Request(payload: Array("increment ".utf8)) == nil)
    #expect(Request(payload: []) == nil)
    #expect(Request(payload: [0xFF, 0xFE]) == nil)
  }

  @Test func repliesRoundTrip() {
    for reply in [Reply.done, .value(0), .value(-3), .value(42), .error("unknown command 'x'")] {
      #expect(Reply(payload: reply.payload) == reply)
    }
    #expect(Reply.value(3).description == "value 3")
    #expect(Reply(payload: Array("value x".utf8)) == nil)
    #expect(Reply(payload: Array("ok".utf8)) == nil)
  }

  @Test func errorRepliesAreCutToFitOneFrame() throws {
    let long = Reply.error(String(repeating: "x", count: 5_000))
    #expect(long.payload.count == "error ".count + Reply.maxErrorLength)
    #expect(try Frame.encode(long.payload).count <= Frame.headerLength + Frame.maxLength)
  }

  @Test func garbageIsQuotedPrintably() {
    #expect(CounterConnection.quoted(Array("HELLO".utf8)) == "'HELLO'")
    #expect(CounterConnection.quoted([0x00, 0xFF, 0x41, 0x27]) == "'\\x00\\xffA\\x27'")
    #expect(CounterConnection.quoted([UInt8](repeating: 0x41, count: 40), limit: 4) == "'AAAA...'")
  }
}

@Suite struct CallReportTests {
  @Test func summariesSayWhatTheClientSaw() {
    let done = Result<Reply, RPCError>.success(.done)
    #expect(CallReport(request: .increment, failures: [], result: done).summary == "ok")
    #expect(
      CallReport(request: .increment, failures: [.timedOut], result: done).summary
        == "ok after 1 retry (timeout)")
    #expect(
      CallReport(request: .increment, failures: [.timedOut], result: .failure(.timedOut)).summary
        == "timeout, gave up")
    let refused = RPCError.connectionRefused(port: 9)
    let threeRefusals = CallReport(
      request: .value, failures: [refused, refused, refused], result: .failure(refused))
    #expect(threeRefusals.summary == "connection refused, gave up after 2 retries")
    let mixed = CallReport(
      request: .increment, failures: [.connectionReset, refused], result: .failure(refused))
    #expect(
      mixed.summary
        == "connection refused, gave up after 1 retry (connection reset, connection refused)")
    #expect(threeRefusals.attempts == 3)
    #expect(!threeRefusals.succeeded)
  }

  @Test func policiesCountAttempts() {
    #expect(RetryPolicy.giveUp.maxAttempts == 1)
    #expect(RetryPolicy.retry(times: 2).maxAttempts == 3)
    #expect(RetryPolicy.retry(times: -1).maxAttempts == 1)
    #expect("\(RetryPolicy.retry(times: 1))" == "retry x1")
  }

  @Test func onlyMissingAnswersAreRetried() {
    let retried: [RPCError] = [
      .timedOut, .connectionReset, .connectionClosed, .connectionRefused(port: 1),
    ]
    let final: [RPCError] = [.serverError("x"), .badReply("y"), .addressInUse(port: 1)]
    #expect(retried.map(\.isRetryable) == [true, true, true, true])
    #expect(final.map(\.isRetryable) == [false, false, false])
  }
}
