import Foundation
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
    // Scripted timers, as in the demo: the first call fails the way its fault dictates, and the
    // later ones wait for their replies however busy the machine is.
    let client = RemoteCounter(
      port: relay.port, timeout: .milliseconds(100), policy: .giveUp,
      script: relay.timeoutScript)
    defer { client.close() }
    let expected: RPCError =
      switch fault {
      case .requestLost, .replyLost, .replyLate: .timedOut
      case .cutBeforeApply, .cutAfterApply: .connectionReset
      }
    #expect(throws: expected) { try client.increment() }
    #expect(relay.waitUntilFirstCallSettled(atMost: .seconds(10)))
    #expect(relay.faultInjected)
    // Later calls pass, on the same relay, even several on one connection.
    try client.increment()
    try client.increment()
    let firstApplied = fault.serverApplies ? 1 : 0
    #expect(try client.value() == 2 + firstApplied)
  }

  @Test func timerOfAFaultedConnectionStartsAtTheFault() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let relay = try FaultRelay(upstreamPort: server.port, firstCall: .requestLost)
    defer { relay.stop() }
    // Pretend the relay reports the fault 300 ms after the call starts: the 50 ms timer runs
    // from there, so the call cannot fail sooner than 350 ms.
    let start = ContinuousClock.now
    let script = TimeoutScript { connection in
      guard connection == 1 else { return nil }
      let reported = start + .milliseconds(300)
      Thread.sleep(forTimeInterval: max(0, ContinuousClock.now.duration(to: reported).seconds))
      return reported
    }
    let client = RemoteCounter(
      port: relay.port, timeout: .milliseconds(50), policy: .giveUp, script: script)
    defer { client.close() }
    #expect(client.call(.increment).result == .failure(.timedOut))
    #expect(ContinuousClock.now - start >= .milliseconds(350))
  }

  @Test func connectionWithoutAFaultWaitsForASlowReply() throws {
    let server = try CounterServer(replyDelay: .milliseconds(300))
    defer { server.stop() }
    let plain = RemoteCounter(port: server.port, timeout: .milliseconds(50))
    defer { plain.close() }
    #expect(plain.call(.increment).result == .failure(.timedOut))
    let scripted = RemoteCounter(
      port: server.port, timeout: .milliseconds(50), policy: .giveUp, script: .noFaults)
    defer { scripted.close() }
    #expect(scripted.call(.increment).result == .success(.done))
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
