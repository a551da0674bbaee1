import Foundation
import Testing

@testable import Level1RPC

@Suite(.timeLimit(.minutes(1))) struct RemoteCounterTests {
  enum Step: Equatable { case increment, value }

  /// Runs `steps` against `counter`, recording what each `value()` returned.
  func play(_ steps: [Step], on counter: some Counter) throws -> [Int] {
    var values: [Int] = []
    for step in steps {
      switch step {
      case .increment: try counter.increment()
      case .value: values.append(try counter.value())
      }
    }
    return values
  }

  @Test func remoteBehavesLikeLocalOnTheHappyPath() throws {
    let steps: [Step] = [.value, .increment, .increment, .value, .increment, .value, .value]
    let server = try CounterServer()
    defer { server.stop() }
    let remote = RemoteCounter(port: server.port, timeout: .seconds(5))
    defer { remote.close() }
    let remoteValues = try play(steps, on: remote)
    let localValues = try play(steps, on: LocalCounter())
    #expect(remoteValues == localValues)
    #expect(remoteValues == [0, 2, 3, 3])
  }

  @Test func concurrentClientsAreAllCounted() throws {
    let server = try CounterServer()
    defer { server.stop() }
    let port = server.port
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      let client = RemoteCounter(port: port, timeout: .seconds(5))
      defer { client.close() }
      for _ in 0..<25 { _ = client.call(.increment) }
    }
    #expect(try server.counter.value() == 100)
  }

  @Test func refusedConnectionIsReportedAndRetried() throws {
    let closed = try TCPSocket.bound(port: 0)  // taken, never listening: connecting is refused
    defer { closed.close() }
    let port = closed.localPort
    let once = RemoteCounter(port: port, timeout: .seconds(1))
    #expect(throws: RPCError.connectionRefused(port: port)) { try once.increment() }
    let retrying = RemoteCounter(port: port, timeout: .seconds(1), policy: .retry(times: 2))
    let report = retrying.call(.increment)
    let refused = RPCError.connectionRefused(port: port)
    #expect(
      report
        == CallReport(
          request: .increment, failures: [refused, refused, refused], result: .failure(refused)))
  }

  @Test func reconnectsAfterTheServerClosedAnIdleConnection() throws {
    let server = try CounterServer(idleTimeout: .milliseconds(100))
    defer { server.stop() }
    let client = RemoteCounter(port: server.port, timeout: .seconds(5), policy: .giveUp)
    defer { client.close() }
    try client.increment()
    try eventually("the server closes the idle connection") { server.openConnections == 0 }
    // Giving up on the first error, so this passes only if the dead connection is noticed first.
    try client.increment()
    #expect(try client.value() == 2)
    #expect(server.acceptedConnections == 2)
  }

  @Test func primaryReportsAFailedBackupButKeepsItsOwnIncrement() throws {
    let closed = try TCPSocket.bound(port: 0)
    defer { closed.close() }
    let backup = RemoteCounter(port: closed.localPort, timeout: .seconds(1))
    let primary = PrimaryCounter(local: LocalCounter(), backups: [backup])
    let server = try CounterServer(counter: primary)
    defer { server.stop() }
    let client = RemoteCounter(port: server.port, timeout: .seconds(5))
    defer { client.close() }
    let expected = "increment failed: connection refused on 127.0.0.1:\(closed.localPort)"
    #expect(throws: RPCError.serverError(expected)) { try client.increment() }
    #expect(try client.value() == 1)
  }
}
