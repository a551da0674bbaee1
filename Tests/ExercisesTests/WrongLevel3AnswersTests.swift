import CounterSpec
import ExerciseKit
import Level3Pure
import Solutions
import Testing

/// Plausible wrong answers to Exercise 3.1 (and 2.3's Level 3 half): each fails its check, and
/// the first line of the reason says why in one line (a story in lanes may follow).
@Suite struct WrongLevel3AnswersTests {
  /// An answer that forwards everything to `Base` and claims to be the fix.
  struct Fix<Base: CounterReplica>: PureCounterReplica {
    var base: Base
    init(id: ReplicaID, config: ReplicaConfig) { base = Base(id: id, config: config) }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      base = Base(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      base.step(input, into: &actions)
    }
    var value: Int { base.value }
    var known: RequestSet { base.known }
    var description: String { base.description }
  }

  /// The same, claiming to be step one (the flaw reproduced).
  struct Flaw<Base: CounterReplica>: PureCounterReplica {
    static var stage: ConversionStage { .flaw }
    var base: Fix<Base>
    init(id: ReplicaID, config: ReplicaConfig) { base = Fix(id: id, config: config) }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      base = Fix(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      base.step(input, into: &actions)
    }
    var value: Int { base.value }
    var known: RequestSet { base.known }
    var description: String { base.description }
  }

  /// Counts distinct requests and acknowledges at once, but never writes to its disk: a
  /// restart comes back empty.
  struct SkipsPersisting: CounterReplica {
    let id: ReplicaID
    let config: ReplicaConfig
    var tally: Tally
    init(id: ReplicaID, config: ReplicaConfig) { self.init(id: id, config: config, restoring: nil) }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      self.id = id
      self.config = config
      tally = disk ?? Tally(replicas: config.replicas)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      switch input {
      case .started: actions.append(.startTimer(.gossip, after: config.gossipInterval))
      case .requested(let request, let client):
        tally.known.insert(request)
        actions.append(.reply(.incremented(request), to: client))
      case .synced(let theirs, _): tally.merge(theirs)
      case .timerFired(.gossip):
        for peer in config.peers(of: id) { actions.append(.sync(tally, to: peer)) }
        actions.append(.startTimer(.gossip, after: config.gossipInterval))
      case .persisted: break
      }
    }
    var value: Int { tally.known.count }
    var known: RequestSet { tally.known }
    var description: String { tally.description }
  }

  /// The fix, except that each gossip goes to the peers in the order of a `Set`.
  struct IteratesASet: CounterReplica {
    let id: ReplicaID
    let config: ReplicaConfig
    var base: FixedReplica
    init(id: ReplicaID, config: ReplicaConfig) { self.init(id: id, config: config, restoring: nil) }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      self.id = id
      self.config = config
      base = FixedReplica(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      guard case .timerFired(.gossip) = input else { return base.step(input, into: &actions) }
      let peers = Set(config.peers(of: id))
      for peer in peers { actions.append(.sync(base.tally, to: peer)) }
      actions.append(.startTimer(.gossip, after: config.gossipInterval))
    }
    var value: Int { base.value }
    var known: RequestSet { base.known }
    var description: String { base.description }
  }

  /// The fix, except that it never answers a client: it breaks nothing, and fixes nothing.
  struct NeverAnswers: CounterReplica {
    var base: FixedReplica
    init(id: ReplicaID, config: ReplicaConfig) { base = FixedReplica(id: id, config: config) }
    init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
      base = FixedReplica(id: id, config: config, restoring: disk)
    }
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      actions += base.step(input).filter {
        if case .reply = $0 { return false }
        return true
      }
    }
    var value: Int { base.value }
    var known: RequestSet { base.known }
    var description: String { base.description }
  }

  /// The reason `check` fails with, or `nil` if it does not fail with a `CheckFailure`.
  static func reason(_ check: () throws -> Any) -> String? {
    do {
      _ = try check()
      return nil
    } catch let failure as CheckFailure {
      return failure.reason
    } catch {
      return nil
    }
  }

  static let wrongFixes: [(String, String, @Sendable () throws -> String)] = [
    (
      "skips persisting", "no lost acknowledged increment",
      { try Checks.convertedReplica(Fix<SkipsPersisting>.self) }
    ),
    (
      "acks before the write completes", "no lost acknowledged increment",
      { try Checks.convertedReplica(Fix<AckBeforeWrite>.self) }
    ),
    (
      "forgets to re-arm gossip", "replicas end at",
      { try Checks.convertedReplica(Fix<GossipOnce>.self) }
    ),
    (
      "iterates a Set of peers", "not deterministic",
      { try Checks.convertedReplica(Fix<IteratesASet>.self) }
    ),
    (
      "the flawed one submitted as the fix", "no double counting",
      { try Checks.convertedReplica(Fix<FlawedReplica>.self) }
    ),
    ("never answers", "acknowledged", { try Checks.convertedReplica(Fix<NeverAnswers>.self) }),
    (
      "the fix submitted as step 1", "FlawedReplica",
      { try Checks.convertedReplica(Flaw<FixedReplica>.self) }
    ),
  ]

  @Test(arguments: wrongFixes.indices)
  func wrongConversionFails(_ index: Int) throws {
    let (name, why, check) = Self.wrongFixes[index]
    let reason = try #require(Self.reason(check), "\(name) passed")
    let first = reason.split(separator: "\n").first.map(String.init) ?? ""
    #expect(!first.isEmpty && first.contains(why), "\(name): \(reason)")
  }

  @Test func aSimulatorStoryHasLanesAndAReplayCommandThatTellsItAgain() throws {
    let reason = try #require(Self.reason { try Checks.convertedReplica(Fix<FlawedReplica>.self) })
    let lines = reason.split(separator: "\n").map(String.init)
    #expect(lines[0].hasPrefix("the simulator broke no double counting at seed "), "\(reason)")
    #expect(lines.contains { $0.contains("r0") && $0.contains("r1") && $0.contains("c0") })
    let replay = try #require(lines.last)
    let prefix = "replay: swift run --package-path Exercises exercise-check --replay 3.1 "
    #expect(replay.hasPrefix(prefix), "\(replay)")
    let arguments = replay.dropFirst(prefix.count).split(separator: " ").map(String.init)
    let again = try Checks.replay(
      Fix<FlawedReplica>.self, Checks.conversionRun, arguments: arguments)
    #expect(again == reason + "\n")
  }

  @Test func stepOneDoneShowsTheStory() throws {
    let reason = try #require(Self.reason { try Checks.convertedReplica(Flaw<FlawedReplica>.self) })
    #expect(reason.hasPrefix("step 1 of 2 done"), "\(reason)")
    #expect(
      reason.contains("replay: swift run --package-path Exercises exercise-check --replay 3.1"))
  }

  @Test func theExplorerStoryReplays() throws {
    let bounds = Checks.conversionRun.bounds
    let text = try Checks.replay(
      AckBeforeWrite.self, Checks.conversionRun, arguments: ["--explore"])
    #expect(text.hasPrefix("the explorer broke no lost acknowledged increment in "), "\(text)")
    #expect(
      text.contains(
        "replay: swift run --package-path Exercises exercise-check --replay 3.1 --explore"))
    let clean = try Checks.replay(FixedReplica.self, Checks.conversionRun, arguments: ["--explore"])
    #expect(clean == "the explorer finds no violation within \(bounds)\n")
  }

  // MARK: - 2.3, the Level 3 half

  @Test func aTimingFixBreaksAtLevel3WithItsStory() throws {
    let note = try Checks.level3Half(Solutions.MyTimingFix.self)
    let lines = note.split(separator: "\n").map(String.init)
    #expect(lines[0].contains("broke no double counting"), "\(note)")
    #expect(
      lines.last?.hasPrefix(
        "replay: swift run --package-path Exercises exercise-check --replay 2.3") == true)
  }

  @Test func aRealFixPassesTheLevel3Half() throws {
    let note = try Checks.level3Half(Fix<FixedReplica>.self)
    #expect(note.contains("your idea is a real fix"), "\(note)")
  }

  @Test func replayRejectsBadInputInOneLine() {
    let answer = ExerciseCheck.respond(
      to: ["--replay", "3.1", "--seed", "x"], sheet: Solutions.Answers.self)
    #expect(answer.status == 2 && !answer.error.isEmpty && !answer.error.contains("\n"))
    let other = ExerciseCheck.respond(
      to: ["--replay", "1.1", "--explore"], sheet: Solutions.Answers.self)
    #expect(other.status == 2)
  }
}

/// What `exercise-check --trace` prints, and how two traces that differ are told.
@Suite struct DeterminismMessageTests {
  @Test func traceIsTheSimulatorsTextForTheSeed() {
    let answer = ExerciseCheck.respond(to: ["--trace", "3.1", "4"], sheet: Solutions.Answers.self)
    #expect(answer.status == 0)
    #expect(
      answer.output == Checks.traceText(Solutions.MyReplica.self, Checks.conversionRun, seed: 4))
    #expect(answer.output.hasPrefix("     0.000ms  c0  issues c0#1\n"))
  }

  @Test func theMessageNamesTheFirstLineThatDiffers() {
    let reason = Checks.nondeterminism(
      seed: 3, how: "ran in two processes", "  1.000ms  a\n  2.000ms  b\n",
      "  1.000ms  a\n  2.000ms  c\n")
    #expect(
      reason.hasPrefix(
        "not deterministic: seed 3 ran in two processes and the traces differ at line 2, "
          + "'2.000ms  b' then '2.000ms  c'; "))
    #expect(reason.contains("Swift seeds hashing per process") && !reason.contains("\n"))
  }
}
