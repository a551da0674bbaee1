import CounterSpec
import ExerciseKit
import Level1RPC
import Level2Messaging
import Level3Pure

/// Every answer, gathered for the checks (`swift run workshop verify` for `Exercises/`, `swift
/// test --filter Exercises` for `Solutions/`). This file is the same in both: edit the exercise
/// files it points to, not this one.
public enum Answers: AnswerSheet {
  public typealias Counter = IdempotentCounter
  public typealias Ledger = MyLedger
  public typealias Level1Client = MyCounterClient
  public typealias Level2Replica = MyLevel2Replica
  public typealias PureReplica = MyReplica
  public typealias TimingFix = MyTimingFix
  public typealias DeltaReplica = MyDeltaReplica

  public static func predictedCount(faults: [Fault], policy: RetryPolicy) throws -> Int {
    try PartialFailures.predictedCount(faults: faults, policy: policy)
  }

  public static func runsNeeded(rate: Double, confidence: Double) throws -> Int {
    try RerunBudget.runsNeeded(rate: rate, confidence: confidence)
  }

  public static func doubleCounted(in trace: Trace) throws -> RequestID? {
    try ReadTheStory.doubleCounted(in: trace)
  }

  public static func level2Fix() throws -> String { try MyLevel2Fix.whatYouChanged() }

  public static func pinnedSeed() throws -> UInt64 { try PinnedSeed.seed() }

  public static func shortestStory() throws -> [Choice] { try ShortestStory.choices() }

  public static func myProperty() throws -> any CounterProperty { try MyProperty.property() }

  public static func mysteryA() throws -> BugReport { try BugHunt.mysteryA() }

  public static func mysteryB() throws -> BugReport { try BugHunt.mysteryB() }

  public static func mysteryC() throws -> BugReport { try BugHunt.mysteryC() }

  public static func timerProperty() throws -> any CounterProperty {
    try MyProperty.timerProperty()
  }

  public static func shortestSilence() throws -> [Choice] { try ShortestStory.silence() }
}
