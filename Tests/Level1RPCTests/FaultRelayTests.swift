import Testing

@testable import Level1RPC

@Suite(.timeLimit(.minutes(1))) struct FaultRelayTests {
  @Test func relayWithoutAFaultIsTransparent() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let relay = try FaultRelay(upstreamPort: server.port, firstCall: nil)
    defer { relay.stop() }
    let client = RemoteCounter(port: relay.port, timeout: .seconds(5))
    defer { client.close() }
    for _ in 0..<5 { try client.increment() }
    #expect(try client.value() == 5)
    #expect(relay.waitUntilFirstCallSettled(atMost: .zero))
    #expect(!relay.faultInjected)
  }

  @Test(arguments: Fault.allCases)
  func onlyTheFirstCallIsHit(fault: Fault) throws {
    let server = try CounterServer()
    defer { server.stop() }
    let relay = try FaultRelay(upstreamPort: server.port, firstCall: fault)
    defer { relay.stop() }
    let client = RemoteCounter(port: relay.port, timeout: .milliseconds(250), policy: .giveUp)
    defer { client.close() }
    #expect(throws: RPCError.self) { try client.increment() }
    #expect(relay.waitUntilFirstCallSettled(atMost: .seconds(10)))
    #expect(relay.faultInjected)
    // Later calls pass, on the same relay, even several on one connection.
    try client.increment()
    try client.increment()
    let firstApplied = fault.serverApplies ? 1 : 0
    #expect(try client.value() == 2 + firstApplied)
  }

  @Test func lateReplyIsHeldUntilTheClientGaveUp() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let relay = try FaultRelay(upstreamPort: server.port, firstCall: .replyLate)
    defer { relay.stop() }
    let raw = try RawConnection(port: relay.port)
    try raw.sendFrame(Request.increment.payload)
    try eventually("the server applied the increment") { try server.counter.value() == 1 }
    #expect(!relay.waitUntilFirstCallSettled(atMost: .milliseconds(50)))
    // Giving up (closing our sending side) releases the late reply, which still arrives.
    raw.socket.shutdownWrite()
    #expect(try raw.reply() == .done)
    #expect(relay.waitUntilFirstCallSettled(atMost: .seconds(10)))
  }
}
