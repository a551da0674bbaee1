import CounterSpec
import Testing

@testable import Level3Pure

@Suite struct ClientTests {
  let c1 = ClientID(1)
  func request(_ number: Int) -> RequestID { RequestID(client: ClientID(1), number: number) }

  func client(increments: Int = 2, maxAttempts: Int = 3) -> Client {
    Client(
      id: c1, replicas: 3, increments: increments, maxAttempts: maxAttempts,
      timeout: .milliseconds(20))
  }

  @Test func clientWithNothingToDoFinishesAtOnce() {
    var idle = client(increments: 0)
    #expect(idle.step(.started) == [.finished])
    #expect(idle.isFinished)
  }

  @Test func startIssuesFirstIncrementToItsHomeReplica() {
    var state = client()
    #expect(
      state.step(.started) == [
        .issued(request(1)),
        .request(request(1), to: ReplicaID(1)),
        .startTimer(.retry(request(1), attempt: 1), after: .milliseconds(20)),
      ])
  }

  @Test func ackMovesToTheNextIncrement() {
    var state = client()
    _ = state.step(.started)
    #expect(
      state.step(.replied(.incremented(request(1)), from: ReplicaID(1))) == [
        .acknowledged(request(1)), .issued(request(2)),
        .request(request(2), to: ReplicaID(1)),
        .startTimer(.retry(request(2), attempt: 1), after: .milliseconds(20)),
      ])
  }

  @Test func timeoutRetriesTheSameRequestOnTheNextReplica() {
    var state = client()
    _ = state.step(.started)
    #expect(
      state.step(.timerFired(.retry(request(1), attempt: 1))) == [
        .request(request(1), to: ReplicaID(2)),
        .startTimer(.retry(request(1), attempt: 2), after: .milliseconds(20)),
      ])
    #expect(state.attempt == 2)
  }

  @Test func staleTimersAndAcksChangeNothing() {
    var state = client()
    _ = state.step(.started)
    _ = state.step(.replied(.incremented(request(1)), from: ReplicaID(1)))
    let before = state
    #expect(state.step(.timerFired(.retry(request(1), attempt: 1))) == [])
    #expect(state.step(.replied(.incremented(request(1)), from: ReplicaID(2))) == [])
    #expect(state == before)
  }

  @Test func givesUpAfterMaxAttemptsAndGoesOn() {
    var state = client(increments: 1, maxAttempts: 2)
    _ = state.step(.started)
    _ = state.step(.timerFired(.retry(request(1), attempt: 1)))
    #expect(state.step(.timerFired(.retry(request(1), attempt: 2))) == [.finished])
    #expect(state.isFinished)
    #expect(state.step(.replied(.incremented(request(1)), from: ReplicaID(0))) == [])
  }
}
