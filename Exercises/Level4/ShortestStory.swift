import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 4.1: the shortest story.
///
/// Goal: the explorer (`swift run workshop level4 --crashes 0`) finds the shortest schedule in which the
/// flawed protocol counts one increment twice. Write one yourself, choice by choice, for the
/// same bounds (2 replicas, 1 client with increments c0#1 and c0#2, the flawed protocol): which
/// message is delivered, dropped or duplicated, which timer fires. The check replays your list in
/// the simulator's scripted mode (`Schedule(...).replay(FlawedReplica.self)`): every choice must be possible, the last
/// must break *no double counting*, and the list must be no longer than the explorer's. Try it on
/// paper first.
///
/// Choices (Sources/Level3Pure/Choice.swift): `.deliver(packet)`, `.drop(packet)`,
/// `.duplicate(packet)`, `.fire(.client(c0, .retry(c0#1, attempt: 1)))`,
/// `.fire(.replica(r0, .gossip))`, `.completeWrite(replica)`, `.crash(replica)`,
/// `.restart(replica)`. Packets: `.request(c0#1, to: r0)`, `.sync(tally, from:, to:)`,
/// `.ack(c0#1, from: r0, to: c0)`.
///
/// Check it: `swift run workshop verify 4.1`. Course text: Levels/4-Exhaustive.md.
public enum ShortestStory {
  /// Your schedule.
  public static func choices() throws -> [Choice] {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
