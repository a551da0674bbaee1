import CounterSpec
import Foundation
import Level3Pure
import Stepper
import Testing

/// The stepper, driven through its command loop as standard input drives it.
@Suite struct StepperTests {
  @Test func quittingAtOnceEndsOk() {
    let (text, _) = transcript(Stepper<FlawedReplica>(scenario: defaultStepScenario), ["q"])
    #expect(lastLine(text) == "step: 0 choices applied, ok")
  }

  @Test func theEndOfInputEndsLikeQuit() {
    let (text, _) = transcript(Stepper<FlawedReplica>(scenario: defaultStepScenario), ["1"])
    #expect(text.hasSuffix("step> \nstep: 1 choice applied, ok\n"))
  }

  @Test func fiveChoicesFromAFreshClusterCountOneIncrementTwice() {
    let (text, _) = transcript(
      Stepper<FlawedReplica>(scenario: defaultStepScenario), doubleCountCommands + ["q"])
    let violation =
      "no double counting broken on r1 at step 4 (c0#1): c0#1 applied by r0 and by r1, "
      + "value 2 > 1 issued"
    #expect(lastLine(text) == "step: 5 choices applied, \(violation)")
    #expect(
      text.contains(
        "!! no double counting broken on r1 at step 4 (c0#1): c0#1 applied by r0 and by r1, value 2 > 1\n"
          + "   issued\n   u: undo · k: keep going past it"))
    #expect(text.contains("  r1  up    [1,1] {c0#1}\n"))
  }

  @Test func theFixedProtocolSurvivesTheSameChoices() {
    var stepper = Stepper<FixedReplica>(scenario: defaultStepScenario)
    let choices: [Choice] = [
      .fire(.client(ClientID(0), .retry(RequestID(client: ClientID(0), number: 1), attempt: 1))),
      .deliver(.request(RequestID(client: ClientID(0), number: 1), to: ReplicaID(0))),
      .deliver(.request(RequestID(client: ClientID(0), number: 1), to: ReplicaID(1))),
      .fire(.replica(ReplicaID(0), .gossip)),
    ]
    for choice in choices {
      let applied = stepper.apply(choice)
      #expect(applied, "\(choice)")
    }
    let sync = stepper.choices.first {
      if case .deliver(.sync(_, ReplicaID(0), ReplicaID(1))) = $0 { return true }
      return false
    }
    #expect(sync != nil)
    if let sync { stepper.apply(sync) }
    #expect(stepper.firstViolation == nil)
    #expect(stepper.closingLine == "step: 5 choices applied, ok")
  }

  @Test func undoGoesBackOneStateAtATime() {
    var stepper = Stepper<FlawedReplica>(scenario: defaultStepScenario)
    let start = stepper.cluster
    var undone = stepper.undo()
    #expect(!undone)
    stepper.apply(stepper.choices[0])
    let after = stepper.cluster
    stepper.apply(stepper.choices[0])
    #expect(stepper.applied.count == 2)
    undone = stepper.undo()
    #expect(undone)
    #expect(stepper.cluster == after)
    undone = stepper.undo()
    #expect(undone)
    #expect(stepper.cluster == start)
    #expect(stepper.applied.isEmpty)
  }

  @Test func undoAfterTheViolationTakesItBack() {
    let (text, _) = transcript(
      Stepper<FlawedReplica>(scenario: defaultStepScenario), doubleCountCommands + ["u", "q"])
    #expect(lastLine(text) == "step: 4 choices applied, ok")
  }

  @Test func keepGoingAppliesChoicesAgainAndKeepsTheFirstViolation() {
    let (text, _) = transcript(
      Stepper<FlawedReplica>(scenario: defaultStepScenario),
      doubleCountCommands + ["1", "k", "1", "q"])
    #expect(text.contains("step: a property is broken: u to undo, k to keep going past it\n"))
    #expect(text.contains("!! (set aside) no double counting broken on r1 at step 4"))
    #expect(lastLine(text).hasPrefix("step: 6 choices applied, no double counting broken on r1"))
  }

  @Test func badCommandsGetOneLineAndTheStepperGoesOn() {
    let (text, _) = transcript(
      Stepper<FlawedReplica>(scenario: defaultStepScenario),
      ["banana", "99", "0", "s", "crash r7", "restart r0", "k", "c", "1", "q"])
    for expected in [
      "step: unknown command 'banana' (h for help)\n",
      "step: no choice 99 (choices are 1...8)\n",
      "step: no choice 0 (choices are 1...8)\n",
      "step: usage: s FILE\n",
      "step: no replica r7 in a cluster of 2 replicas\n",
      "step: 'restart r0' does not apply now\n",
      "step: no broken property to go past\n",
    ] {
      #expect(text.contains(expected), "\(expected)")
    }
    #expect(lastLine(text) == "step: 1 choice applied, ok")
  }

  @Test func aChoiceWrittenOutAppliesToo() {
    let (text, _) = transcript(
      Stepper<FlawedReplica>(scenario: defaultStepScenario), ["cut r0 -> r1", "heal", "q"])
    #expect(text.contains("cut links: r0 -> r1\n"))
    #expect(lastLine(text) == "step: 2 choices applied, ok")
  }

  @Test func savingWritesAScheduleThatReplaysToTheSameState() throws {
    let (text, saved) = transcript(
      Stepper<FlawedReplica>(scenario: defaultStepScenario),
      doubleCountCommands + ["s story.schedule", "q"])
    #expect(text.contains("step: saved story.schedule (5 choices; open it with --schedule"))
    let file = try #require(saved["story.schedule"])
    let schedule = try Schedule(parsing: file)
    let (replayed, replay) = Stepper<FlawedReplica>.replaying(schedule)
    #expect(replay == Stepper.Replay(applied: 5, skipped: 0, leftAfterViolation: 0))
    #expect(replayed.firstViolation?.property == .noDoubleCounting)
    #expect(StepperScreen().render(replayed).hasPrefix("--- step 5 · flawed · 2 replicas"))
  }

  @Test func aConvergenceStoryShowsItsViolationAtTheEnd() {
    // A replica that replaces instead of merging: settled, the replicas disagree for good.
    var cluster = Cluster<MergeReplaces>(scenario: defaultStepScenario, recordsTrace: false)
    var choices: [Choice] = []
    for _ in 0..<40 where cluster.violation == nil {
      guard
        let next = cluster.enabledChoices().first(where: {
          if case .deliver = $0 { return true }
          if case .completeWrite = $0 { return true }
          return false
        })
      else { break }
      if let used = cluster.apply(next) { choices.append(used) }
    }
    let schedule = Schedule(
      scenario: defaultStepScenario, protocolName: "merge-replaces", choices: choices
    ).settled(MergeReplaces.self)
    let (stepper, _) = Stepper<MergeReplaces>.replaying(schedule)
    let expected = schedule.replay(MergeReplaces.self, settling: true).violation
    #expect(expected?.property == .convergence)
    #expect(stepper.firstViolation?.property == .convergence)
  }

  /// The screen of a fixed story, byte for byte. Regenerate (then review the diff):
  ///
  ///     printf '6\n1\n1\n7\n7\nq\n' | swift run workshop level3 step \
  ///       > Tests/StepperTests/Golden/step-double-count.txt
  @Test func theDoubleCountSessionMatchesGolden() throws {
    let (text, _) = transcript(
      Stepper<FlawedReplica>(scenario: defaultStepScenario), doubleCountCommands + ["q"])
    let expected = try golden("step-double-count.txt")
    #expect(text == expected, "\(firstDifferingLine(text, expected))")
  }

  @Test func everyScreenLineFitsIn100Columns() {
    let big = Scenario(replicas: 3, clients: 2, incrementsPerClient: 64, dropRate: 0)
    let sessions = [
      transcript(Stepper<FlawedReplica>(scenario: big), ["6", "1", "1", "1", "9", "q"]).text,
      transcript(
        Stepper<NoGossipAfterRestart>(scenario: big), ["6", "1", "1", "1", "9", "q"]
      ).text,
      transcript(
        Stepper<FlawedReplica>(scenario: defaultStepScenario), doubleCountCommands + ["q"]
      ).text,
    ]
    #expect(sessions[2].contains("!! no double counting"))
    for text in sessions {
      for line in text.split(separator: "\n") where !line.hasPrefix("step: ") {
        #expect(line.count <= 100, "\(line)")
      }
    }
  }
}
