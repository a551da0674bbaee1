import Testing

@testable import Level1RPC

/// Bad input ends the bad connection only: each test then proves the server still serves.
@Suite(.timeLimit(.minutes(1))) struct CounterServerBadInputTests {
  @Test func truncatedFrameThenGoodbyeGetsAnErrorAndAClose() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let bad = try RawConnection(port: server.port)
    try bad.send(Frame.header(length: 9) + Array("incr".utf8))
    bad.socket.shutdownWrite()
    #expect(try bad.reply() == .error("truncated frame: 8 bytes, then the connection ended"))
    #expect(bad.end() == .closed)
    try expectServesNormally(server)
    #expect(try server.counter.value() == 1)
    try eventually("every connection is closed") { server.openConnections == 0 }
  }

  @Test func truncatedFrameLeftHangingIsClosedAfterTheIdleTimeout() throws {
    let server = try CounterServer(idleTimeout: .milliseconds(300))
    defer { server.stop() }
    let stuck = try RawConnection(port: server.port)
    try stuck.send(Frame.header(length: 9) + Array("incr".utf8))
    // While one connection hangs mid-frame, others are served.
    try expectServesNormally(server)
    #expect(
      try stuck.reply() == .error("truncated frame: 8 bytes, then nothing for 300 ms"))
    #expect(stuck.end() == .closed)
  }

  @Test func silentConnectionIsClosedAfterTheIdleTimeout() throws {
    let server = try CounterServer(idleTimeout: .milliseconds(200))
    defer { server.stop() }
    let silent = try RawConnection(port: server.port)
    #expect(try silent.reply() == .error("idle for 200 ms; closing"))
    #expect(silent.end() == .closed)
    try expectServesNormally(server)
  }

  @Test(arguments: [UInt32(Frame.maxLength + 1), 1 << 20, UInt32.max])
  func lengthAboveTheMaximumIsRefused(length: UInt32) throws {
    let server = try CounterServer()
    defer { server.stop() }
    let bad = try RawConnection(port: server.port)
    // Some payload follows, as a confused client would send: it must not turn the close into a
    // reset that destroys the error reply.
    try bad.send(Frame.header(length: length) + [UInt8](repeating: 0x41, count: 300))
    #expect(
      try bad.reply()
        == .error("frame length \(length) exceeds the maximum of 1024 bytes; closing"))
    #expect(bad.end() == .closed)
    try expectServesNormally(server)
    #expect(try server.counter.value() == 1)
  }

  @Test func unknownCommandGetsAnErrorAndTheConnectionStaysUsable() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let client = try RawConnection(port: server.port)
    let expected = "(expected 'increment' or 'value')"
    try client.sendFrame([0x00, 0xFF] + Array("hi".utf8))
    #expect(try client.reply() == .error("unknown command '\\x00\\xffhi' \(expected)"))
    try client.sendFrame([])
    #expect(try client.reply() == .error("unknown command '' \(expected)"))
    try client.sendFrame(Array("INCREMENT".utf8))
    #expect(try client.reply() == .error("unknown command 'INCREMENT' \(expected)"))
    // The frames were well formed, so the connection is still in step: use it.
    try client.sendFrame(Request.increment.payload)
    #expect(try client.reply() == .done)
    try client.sendFrame(Request.value.payload)
    #expect(try client.reply() == .value(1))
  }

  @Test func garbageBytesWithoutFramingAreRefused() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let browser = try RawConnection(port: server.port)
    try browser.send(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
    // "GET " read as a length is 0x47455420.
    #expect(
      try browser.reply()
        == .error("frame length 1195725856 exceeds the maximum of 1024 bytes; closing"))
    #expect(browser.end() == .closed)
    try expectServesNormally(server)
  }

  @Test func abruptDisconnectMidFrameIsCleanedUp() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let rude = try RawConnection(port: server.port)
    try rude.send(Frame.header(length: 9) + Array("incr".utf8))
    rude.socket.reset()
    try eventually("the server lets the reset connection go") {
      server.acceptedConnections == 1 && server.openConnections == 0
    }
    #expect(try server.counter.value() == 0)
    try expectServesNormally(server)
  }

  @Test func hundredConnectionsOpenedAndDroppedLeaveTheServerServing() throws {
    let server = try CounterServer()
    defer { server.stop() }
    for index in 0..<100 {
      let connection = try RawConnection(port: server.port)
      switch index % 4 {
      case 0: connection.socket.close()
      case 1: connection.socket.reset()
      case 2:
        try connection.send([0, 0])  // half a header
        connection.socket.reset()
      default:
        try connection.send(Frame.header(length: 9) + Array("inc".utf8))
        connection.socket.close()
      }
    }
    try eventually("all 100 connections are accepted and let go") {
      server.acceptedConnections == 100 && server.openConnections == 0
    }
    #expect(try server.counter.value() == 0)
    try expectServesNormally(server)
  }

  @Test func stopClosesOpenConnectionsAndReturns() throws {
    let server = try CounterServer(idleTimeout: .seconds(30))
    let waiting = try RawConnection(port: server.port)
    try eventually("the connection is being served") { server.openConnections == 1 }
    let start = ContinuousClock.now
    server.stop()
    #expect(ContinuousClock.now - start < .seconds(5))
    #expect(server.openConnections == 0)
    #expect(waiting.end() == .closed)
    // (No "connection refused" check here: a parallel test may already have been given the port.)
  }
}
