import CounterSpec
import Testing

@testable import Level3Pure

@Suite struct ReplicaTests {
  let r0 = ReplicaID(0)
  let r1 = ReplicaID(1)
  let r2 = ReplicaID(2)
  let c0 = ClientID(0)
  let first = RequestID(client: ClientID(0), number: 1)
  let other = RequestID(client: ClientID(1), number: 1)

  func replica(_ id: Int, design: Replica.Design = .perReplicaSlots, tally: Tally? = nil)
    -> Replica
  {
    Replica(
      id: ReplicaID(id), replicas: 3, design: design, gossipInterval: .milliseconds(15),
      restoring: tally ?? Tally(replicas: 3))
  }

  // MARK: - Edge cases

  @Test func freshReplicaIsZeroAndStartsItsGossipTimer() {
    let fresh = replica(0)
    #expect(fresh.value == 0)
    #expect(fresh.peers == [r1, r2])
    #expect(fresh.tally == Tally(slots: [0, 0, 0], known: RequestSet()))
    #expect(
      Replica.startActions(gossipInterval: .milliseconds(15))
        == [.startTimer(.gossip, after: .milliseconds(15))])
  }

  @Test func retryTimerMeansNothingToAReplica() {
    var state = replica(1)
    let before = state
    #expect(state.step(.timerFired(.retry(first, attempt: 0))) == [])
    #expect(state == before)
  }

  // MARK: - Each message

  @Test func newIncrementIsCountedPersistedThenAcknowledged() {
    var state = replica(1)
    let actions = state.step(.incrementRequested(first, from: c0))
    let expected = Tally(slots: [0, 1, 0], known: RequestSet([first]))
    #expect(actions == [.persist(expected), .reply(.incremented(first), to: c0)])
    #expect(state == replica(1, tally: expected))
    #expect(state.value == 1)
  }

  @Test func knownIncrementIsAcknowledgedAgainButNotCounted() {
    let tally = Tally(slots: [0, 1, 0], known: RequestSet([first]))
    var state = replica(1, tally: tally)
    #expect(
      state.step(.incrementRequested(first, from: c0)) == [.reply(.incremented(first), to: c0)])
    #expect(state == replica(1, tally: tally))
  }

  @Test func requestLearnedByGossipIsNotCountedAgain() {
    var state = replica(1, tally: Tally(slots: [1, 0, 0], known: RequestSet([first])))
    #expect(
      state.step(.incrementRequested(first, from: c0)) == [.reply(.incremented(first), to: c0)])
    #expect(state.value == 1)
  }

  @Test func gossipTimerSendsTallyToEveryPeerInOrderAndRearms() {
    let tally = Tally(slots: [2, 0, 1], known: RequestSet([first, other]))
    var state = replica(0, tally: tally)
    let actions = state.step(.timerFired(.gossip))
    #expect(
      actions == [
        .send(.synced(tally, from: r0), to: r1), .send(.synced(tally, from: r0), to: r2),
        .startTimer(.gossip, after: .milliseconds(15)),
      ])
    #expect(state == replica(0, tally: tally))
  }

  @Test func restartGossipsAtOnceAndRearms() {
    var state = replica(2)
    #expect(
      state.step(.restarted) == [
        .send(.synced(Tally(replicas: 3), from: r2), to: r0),
        .send(.synced(Tally(replicas: 3), from: r2), to: r1),
        .startTimer(.gossip, after: .milliseconds(15)),
      ])
  }

  @Test func syncTakesLargerSlotsAndUnionOfRequests() {
    var state = replica(0, tally: Tally(slots: [2, 0, 1], known: RequestSet([first])))
    let theirs = Tally(slots: [1, 3, 0], known: RequestSet([other]))
    #expect(state.step(.synced(theirs, from: r1)) == [])
    #expect(
      state == replica(0, tally: Tally(slots: [2, 3, 1], known: RequestSet([first, other]))))
  }

  @Test func syncIsIdempotent() {
    var state = replica(0)
    let theirs = Tally(slots: [0, 1, 0], known: RequestSet([first]))
    _ = state.step(.synced(theirs, from: r1))
    let once = state
    _ = state.step(.synced(theirs, from: r1))
    #expect(state == once)
  }

  // MARK: - The flaw, and the fix

  /// r0 counts c0#1, its ack is lost, the retry reaches r1 before r0's gossip: two slots.
  @Test(arguments: Replica.Design.allCases)
  func retryThatOutrunsGossip(design: Replica.Design) {
    var a = replica(0, design: design)
    var b = replica(1, design: design)
    _ = a.step(.incrementRequested(first, from: c0))
    _ = b.step(.incrementRequested(first, from: c0))  // the retry: b has not heard of it
    _ = a.step(.synced(b.tally, from: r1))
    _ = b.step(.synced(a.tally, from: r0))
    #expect(a.tally == Tally(slots: [1, 1, 0], known: RequestSet([first])))
    #expect(a.tally == b.tally)
    switch design {
    case .perReplicaSlots: #expect(a.value == 2, "one logical increment counted twice")
    case .distinctRequests: #expect(a.value == 1)
    }
  }

  @Test func essayShapeMatchesMutatingStep() {
    let state = replica(0)
    let message = Message.incrementRequested(first, from: c0)
    var mutated = state
    let actions = mutated.step(message)
    let (next, pureActions) = Replica.step(message, state)
    #expect(next == mutated)
    #expect(pureActions == actions)
    #expect(state == replica(0), "the input state is untouched")
  }

  @Test func messagesPrintLikeLevel2() {
    #expect(Message.incrementRequested(first, from: c0).description == "increment c0#1")
    #expect(
      Message.synced(Tally(slots: [2, 1, 0], known: RequestSet([first, other])), from: r0)
        .description == "sync [2,1,0] {c0#1,c1#1}")
    #expect(Reply.incremented(first).description == "ack c0#1")
    #expect(TimerID.retry(first, attempt: 2).description == "retry c0#1/2")
  }
}
