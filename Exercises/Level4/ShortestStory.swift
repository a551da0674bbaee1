import CounterSpec
import ExerciseKit
import Level3Pure

/// Exercise 4.1: the shortest lost acknowledgement (and 4.2, a stretch: the shortest silence).
///
/// Goal (4.1): within `Checks.lostAckBounds` (2 replicas, clients c0 and c1 with one increment
/// each, one crash, one retry, one gossip, no drop or duplicate), write choice by choice the
/// shortest schedule in which `MysteryB` loses an acknowledged increment. Solve 3.5 first.
///
/// Goal (4.2, stretch): within `Checks.silenceBounds` (`Bounds.course` without crashes), the
/// shortest schedule after which `MysteryA` never converges: end where every client is done and
/// nothing is in flight; the check settles the cluster after it, as the explorer does.
///
/// The check replays your list on the mystery: every choice must be possible there (packets
/// match in full, a gossip's tally included), the property must break, and the list must be as
/// short as the explorer's shortest counterexample. `Explorer<MysteryB>.explore(bounds)` runs
/// the explorer on it; try on paper first.
///
/// Choices (Sources/Level3Pure/Choice.swift): `.deliver(packet)`, `.drop(packet)`,
/// `.duplicate(packet)`, `.fire(.client(c0, .retry(c0#1, attempt: 1)))`,
/// `.fire(.replica(r0, .gossip))`, `.completeWrite(replica)`, `.crash(replica)`,
/// `.restart(replica)`. Packets: `.request(c0#1, to: r0)`, `.sync(tally, from:, to:)`,
/// `.ack(c0#1, from: r0, to: c0)`.
///
/// Check it: `swift run workshop verify 4.1` (4.2). Course text: Levels/4-Exhaustive.md.
public enum ShortestStory {
  /// Exercise 4.1: your schedule.
  public static func choices() throws -> [Choice] {
    throw NotSolvedYet()  // delete this line and write your answer
  }

  /// Exercise 4.2 (stretch): your schedule.
  public static func silence() throws -> [Choice] {
    throw NotSolvedYet()  // delete this line and write your answer
  }
}
