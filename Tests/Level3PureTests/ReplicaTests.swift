import CounterSpec
import Testing

@testable import Level3Pure

/// The two replicas of the course, one input at a time, whole state and every action asserted.
@Suite struct ReplicaTests {
  let r0 = ReplicaID(0)
  let r1 = ReplicaID(1)
  let r2 = ReplicaID(2)
  let c0 = ClientID(0)
  let first = RequestID(client: ClientID(0), number: 1)
  let other = RequestID(client: ClientID(1), number: 1)
  let config = ReplicaConfig(replicas: 3, gossipInterval: .milliseconds(15))

  func flawed(_ id: Int, _ tally: Tally? = nil) -> FlawedReplica {
    FlawedReplica(id: ReplicaID(id), config: config, restoring: tally)
  }

  func fixed(_ id: Int, _ tally: Tally? = nil) -> FixedReplica {
    FixedReplica(id: ReplicaID(id), config: config, restoring: tally)
  }

  // MARK: - Edge cases

  @Test func freshReplicaIsZeroAndStartsItsGossipTimer() {
    var state = flawed(0)
    #expect(state.value == 0)
    #expect(Array(config.peers(of: r0)) == [r1, r2])
    #expect(state.tally == Tally(slots: [0, 0, 0], known: RequestSet()))
    #expect(state.step(.started) == [.startTimer(.gossip, after: .milliseconds(15))])
    var fresh = fixed(0)
    #expect(fresh.step(.started) == [.startTimer(.gossip, after: .milliseconds(15))])
  }

  @Test func aRestartReadsTheDisk() {
    let disk = Tally(slots: [1, 0, 0], known: RequestSet([first]))
    #expect(flawed(0, disk).value == 1)
    #expect(fixed(0, disk).value == 1)
    #expect(fixed(0, disk).durable == RequestSet([first]), "what is on disk is durable")
  }

  // MARK: - The flawed replica

  @Test func flawedCountsPersistsAndAcknowledgesAtOnce() {
    var state = flawed(1)
    let actions = state.step(.requested(first, from: c0))
    let expected = Tally(slots: [0, 1, 0], known: RequestSet([first]))
    #expect(actions == [.persist(expected), .reply(.incremented(first), to: c0)])
    #expect(state == flawed(1, expected))
    #expect(state.step(.persisted(expected)) == [], "it acknowledged already")
  }

  @Test func knownIncrementIsAcknowledgedAgainButNotCounted() {
    let tally = Tally(slots: [0, 1, 0], known: RequestSet([first]))
    var state = flawed(1, tally)
    #expect(state.step(.requested(first, from: c0)) == [.reply(.incremented(first), to: c0)])
    #expect(state == flawed(1, tally))
  }

  @Test func gossipTimerSendsTallyToEveryPeerInOrderAndRearms() {
    let tally = Tally(slots: [2, 0, 1], known: RequestSet([first, other]))
    var state = flawed(0, tally)
    #expect(
      state.step(.timerFired(.gossip)) == [
        .sync(tally, to: r1), .sync(tally, to: r2), .startTimer(.gossip, after: .milliseconds(15)),
      ])
    #expect(state == flawed(0, tally))
  }

  @Test func syncTakesLargerSlotsAndUnionOfRequests() {
    var state = flawed(0, Tally(slots: [2, 0, 1], known: RequestSet([first])))
    let theirs = Tally(slots: [1, 3, 0], known: RequestSet([other]))
    #expect(state.step(.synced(theirs, from: r1)) == [])
    #expect(state == flawed(0, Tally(slots: [2, 3, 1], known: RequestSet([first, other]))))
    let once = state
    _ = state.step(.synced(theirs, from: r1))
    #expect(state == once, "a sync is idempotent")
  }

  // MARK: - The fixed replica

  @Test func fixedAcknowledgesOnlyOnceTheWriteIsDone() {
    var state = fixed(1)
    let written = Tally(slots: [0, 0, 0], known: RequestSet([first]))  // the fix uses no slot
    #expect(state.step(.requested(first, from: c0)) == [.persist(written)])
    #expect(state.value == 1)
    #expect(state.awaiting == [FixedReplica.PendingAck(request: first, client: c0)])
    // A retry while the write is in flight waits too, once.
    #expect(state.step(.requested(first, from: c0)) == [])
    #expect(state.step(.persisted(written)) == [.reply(.incremented(first), to: c0)])
    #expect(state.awaiting.isEmpty)
    // Now it is durable: a retry is confirmed at once.
    #expect(state.step(.requested(first, from: c0)) == [.reply(.incremented(first), to: c0)])
  }

  @Test func fixedPersistsWhatGossipTaughtItAndNothingElse() {
    var state = fixed(0)
    let theirs = Tally(slots: [0, 0, 0], known: RequestSet([first]))
    #expect(state.step(.synced(theirs, from: r1)) == [.persist(theirs)])
    #expect(state.step(.synced(theirs, from: r1)) == [], "nothing new, nothing to write")
    // Known through gossip but not yet on this disk: a retry here waits for the write.
    #expect(state.step(.requested(first, from: c0)) == [])
    #expect(state.step(.persisted(theirs)) == [.reply(.incremented(first), to: c0)])
  }

  // MARK: - The flaw, and the fix

  /// r0 counts c0#1, its ack is lost, the retry reaches r1 before r0's gossip.
  @Test func retryThatOutrunsGossip() {
    var a = flawed(0)
    var b = flawed(1)
    _ = a.step(.requested(first, from: c0))
    _ = b.step(.requested(first, from: c0))  // the retry: b has not heard of it
    _ = a.step(.synced(b.tally, from: r1))
    _ = b.step(.synced(a.tally, from: r0))
    #expect(a.tally == Tally(slots: [1, 1, 0], known: RequestSet([first])))
    #expect(a.value == 2 && b.value == 2, "one logical increment counted twice")
    var x = fixed(0)
    var y = fixed(1)
    _ = x.step(.requested(first, from: c0))
    _ = y.step(.requested(first, from: c0))
    _ = x.step(.synced(y.tally, from: r1))
    _ = y.step(.synced(x.tally, from: r0))
    #expect(x.value == 1 && y.value == 1)
  }

  @Test func essayShapeMatchesMutatingStep() {
    let state = flawed(0)
    let input = ReplicaInput.requested(first, from: c0)
    var mutated = state
    let actions = mutated.step(input)
    let (next, pureActions) = FlawedReplica.step(input, state)
    #expect(next == mutated)
    #expect(pureActions == actions)
    #expect(state == flawed(0), "the input state is untouched")
  }

  @Test func inputsAndTimersPrintPlainly() {
    #expect(ReplicaInput.requested(first, from: c0).description == "increment c0#1")
    #expect(
      ReplicaInput.synced(Tally(slots: [2, 1, 0], known: RequestSet([first, other])), from: r0)
        .description == "sync [2,1,0] {c0#1,c1#1}")
    #expect(ReplicaInput.persisted(Tally(replicas: 2)).description == "persisted [0,0] {}")
    #expect(Reply.incremented(first).description == "ack c0#1")
    #expect(ClientTimer.retry(first, attempt: 2).description == "retry c0#1 (attempt 2)")
  }
}
