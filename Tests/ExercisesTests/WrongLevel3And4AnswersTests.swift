import CounterSpec
import ExerciseKit
import Level3Pure
import Solutions
import Testing

/// A property that never breaks: it catches nothing.
struct AlwaysHolds: CounterProperty {
  var name: String { "all is well" }
  func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? { nil }
}

/// "An acknowledged request is in a running replica's memory": the fix breaks it whenever the
/// only replica that heard a request crashes (its disk still has it).
struct AcknowledgedIsInMemory: CounterProperty {
  var name: String { "acknowledged is in some memory" }
  func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? {
    for request in cluster.checker.acknowledged
    where !cluster.nodes.contains(where: { $0.isUp && $0.known.contains(request) }) {
      return "\(request) is in no running replica's memory"
    }
    return nil
  }
}

/// "Every acknowledged request is on every disk": too strong, gossip takes time.
struct AcknowledgedIsOnEveryDisk: CounterProperty {
  var name: String { "acknowledged is on every disk" }
  func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? {
    for request in cluster.checker.acknowledged
    where cluster.disks.contains(where: { $0?.known.contains(request) != true }) {
      return "\(request) is missing from a disk"
    }
    return nil
  }
}

/// "No replica is down": catches every crash, so it flags the fix.
struct NobodyIsDown: CounterProperty {
  var name: String { "every replica is up" }
  func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? {
    cluster.nodes.firstIndex { !$0.isUp }.map { "r\($0) is down" }
  }
}

/// A property with no name.
struct Nameless: CounterProperty {
  var name: String { " " }
  func violation<R: CounterReplica>(in cluster: Cluster<R>) -> String? { nil }
}

/// Plausible wrong answers to Exercises 3.2 to 4.2: every one fails its check with a one-line
/// reason (`WrongAnswersTests.fails`).
@Suite struct WrongLevel3And4AnswersTests {
  static func fails(_ check: () throws -> Void) -> Bool { WrongAnswersTests.fails(check) }

  static func reason(_ check: () throws -> Void) -> String? {
    do {
      try check()
      return nil
    } catch let failure as CheckFailure {
      return failure.reason
    } catch {
      return nil
    }
  }

  // MARK: - 3.2

  @Test func seedThatOnlyDoubleCountsIsNotTheOneAsked() {
    // Seed 1 is the course text's seed: the flawed protocol double counts there first.
    #expect(Self.fails { try Checks.pinnedSeed { 1 } })
  }

  // MARK: - 3.3 and 3.7

  @Test func propertyThatAlwaysHoldsCatchesNothing() throws {
    let reason = try #require(
      Self.reason {
        _ = try Checks.ownProperty({ AlwaysHolds() }, mustCatch: ["ack-before-write"])
      })
    #expect(reason.contains("catches nothing"), "\(reason)")
  }

  @Test(arguments: [
    AcknowledgedIsInMemory() as any CounterProperty, AcknowledgedIsOnEveryDisk(), NobodyIsDown(),
  ])
  func propertyThatFlagsTheFixFails(_ property: any CounterProperty) throws {
    let reason = try #require(
      Self.reason { _ = try Checks.ownProperty({ property }, mustCatch: ["ack-before-write"]) })
    #expect(reason.contains("flags the fixed replica"), "\(reason)")
    #expect(!reason.contains("\n"))
  }

  @Test func namelessPropertyFails() {
    #expect(
      Self.fails { _ = try Checks.ownProperty({ Nameless() }, mustCatch: ["ack-before-write"]) })
  }

  @Test func diskPropertyDoesNotCatchTheGossipMutants() throws {
    // 3.3's answer is right for 3.3 and wrong for the stretch: it misses both gossip mutants.
    let reason = try #require(
      Self.reason {
        _ = try Checks.ownProperty(
          { try Solutions.MyProperty.property() },
          mustCatch: ["gossip-once", "no-gossip-after-restart"])
      })
    #expect(reason.contains("never broke on gossip-once, no-gossip-after-restart"), "\(reason)")
  }

  // MARK: - 3.4-3.6

  @Test func scheduleThatDoesNotBreakTheMysteryFails() throws {
    var report = try Solutions.BugHunt.mysteryA()
    report.shrunk.choices = Array(report.shrunk.choices.prefix(4))  // no crash: r2 keeps c0#1
    let reason = try #require(Self.reason { _ = try Checks.bugHunt(MysteryA.self) { report } })
    #expect(reason.contains("breaks nothing"), "\(reason)")
  }

  @Test func seedThatDoesNotBreakTheMysteryFails() throws {
    var report = try Solutions.BugHunt.mysteryB()
    report.run = Checks.bugHuntScenario.seeded(0)  // the default numbers hardly ever break it
    let reason = try #require(Self.reason { _ = try Checks.bugHunt(MysteryB.self) { report } })
    #expect(reason.contains("does not break mystery-b"), "\(reason)")
  }

  @Test func anotherMysterysStoryFails() throws {
    let report = try Solutions.BugHunt.mysteryC()
    #expect(Self.fails { _ = try Checks.bugHunt(MysteryB.self) { report } })
  }

  @Test func unshrunkStoryFails() throws {
    var report = try Solutions.BugHunt.mysteryC()
    report.shrunk = Simulator<MysteryC>.run(report.run).schedule
    let reason = try #require(Self.reason { _ = try Checks.bugHunt(MysteryC.self) { report } })
    #expect(reason.contains("the shrinker takes"), "\(reason)")
  }

  @Test func storyWithChoicesThatDoNotApplyFails() throws {
    var report = try Solutions.BugHunt.mysteryC()
    report.shrunk.choices.insert(.restart(ReplicaID(2)), at: 0)  // r2 is not down
    let reason = try #require(Self.reason { _ = try Checks.bugHunt(MysteryC.self) { report } })
    #expect(reason.contains("could not be made"), "\(reason)")
  }

  // MARK: - 4.1 and 4.2

  static func lostAck(_ choices: [Choice]) -> String? {
    reason {
      _ = try Checks.shortest(
        MysteryB.self, within: Checks.lostAckBounds, breaking: .noLostAcknowledgedIncrement
      ) { choices }
    }
  }

  @Test func lostAckWithoutTheCrashFails() throws {
    let story = try Solutions.ShortestStory.choices()
    let reason = try #require(Self.lostAck(Array(story.dropLast())))
    #expect(reason.contains("without breaking"), "\(reason)")
  }

  @Test func lostAckWithAnExtraChoiceFails() throws {
    let story = try Solutions.ShortestStory.choices()
    let extra = [Choice.fire(.replica(ReplicaID(1), .gossip))] + story
    let reason = try #require(Self.lostAck(extra))
    #expect(reason.contains("a shorter one exists"), "\(reason)")
  }

  @Test func lostAckWithAGhostAckFails() throws {
    let story = try Solutions.ShortestStory.choices()
    let ghost = Choice.deliver(
      .ack(RequestID(client: ClientID(1), number: 1), from: ReplicaID(1), to: ClientID(1)))
    let reason = try #require(Self.lostAck([story[0], story[1], story[2], story[3], ghost]))
    #expect(reason.contains("cannot be made"), "\(reason)")
  }

  @Test func silenceWithTheWrongTallyFails() throws {
    // The dropped gossip must match in full: r0 knew both requests when it gossiped.
    var story = try Solutions.ShortestStory.silence()
    let first = RequestID(client: ClientID(0), number: 1)
    story[5] = .drop(
      .sync(
        Tally(slots: [0, 0], known: RequestSet([first])), from: ReplicaID(0), to: ReplicaID(1)))
    let reason = try #require(
      Self.reason {
        _ = try Checks.shortest(
          MysteryA.self, within: Checks.silenceBounds, breaking: .convergence
        ) { story }
      })
    #expect(reason.contains("choice 6"), "\(reason)")
  }

  @Test func silenceWithoutTheDropFails() throws {
    var story = try Solutions.ShortestStory.silence()
    story.remove(at: 5)
    story.insert(
      .deliver(
        .sync(
          Tally(
            slots: [0, 0],
            known: RequestSet([
              RequestID(client: ClientID(0), number: 1), RequestID(client: ClientID(0), number: 2),
            ])), from: ReplicaID(0), to: ReplicaID(1))), at: 5)
    #expect(
      Self.fails {
        _ = try Checks.shortest(
          MysteryA.self, within: Checks.silenceBounds, breaking: .convergence
        ) { story }
      })
  }
}

/// Plausible wrong answers to Exercise 3.8 (stretch).
@Suite struct WrongDeltaGossipAnswersTests {
  /// The stub with its marker gone: full state every round is no delta.
  struct FullState: FixedVariant, PureCounterReplica {
    var base: FixedReplica
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      base.step(input, into: &actions)
    }
  }

  /// The course's stuck protocol, as an answer.
  struct Stuck: PureCounterReplica {
    var replica: DeltaGossipReplica
    init(id: ReplicaID, config: ReplicaConfig) {
      replica = DeltaGossipReplica(id: id, config: config)
    }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      replica = DeltaGossipReplica(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      replica.step(input, into: &actions)
    }
    var value: Int { replica.value }
    var known: RequestSet { replica.known }
    var description: String { replica.description }
  }

  @Test func fullStateEveryRoundIsNoDelta() throws {
    let reason = try #require(
      WrongLevel3And4AnswersTests.reason { _ = try Checks.unstuckDelta(FullState.self) })
    #expect(reason.contains("that is not a delta"), "\(reason)")
  }

  @Test func theStuckProtocolGetsStuck() throws {
    let reason = try #require(
      WrongLevel3And4AnswersTests.reason { _ = try Checks.unstuckDelta(Stuck.self) })
    #expect(reason.contains("convergence broken"), "\(reason)")
  }
}
