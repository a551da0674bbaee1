/// Every exercise of the course, in order, checked against one answer sheet.
public enum Catalog {
  /// The exercises, with their checks bound to `sheet` (your `Exercises`, or `Solutions`).
  public static func exercises<Sheet: AnswerSheet>(_ sheet: Sheet.Type) -> [Exercise] {
    [
      Exercise(
        id: "1.1", level: 1, title: "A retry-safe increment",
        goal: "Make increment safe to retry: count each request ID once, however often it arrives.",
        file: "Exercises/Level1/RetrySafeCounter.swift",
        hints: [
          "The server has to remember something about calls, not only the count.",
          "Keep the set of request IDs you have applied; the value is how many there are.",
          "A RequestSet (Sources/CounterSpec) has insert(_:) and count; insert ignores repeats.",
        ],
        minutes: 10, link: "Levels/1-RPC.md#idempotency-the-cure-that-changes-the-question",
        check: { try Checks.retrySafeCounter(Sheet.Counter.self) }),
      Exercise(
        id: "1.2", level: 1, title: "Where did it break?",
        goal:
          "Predict what the server counts for each failure point and policy of the Level 1 demo.",
        file: "Exercises/Level1/PartialFailures.swift",
        hints: [
          "Two questions decide it: did the first attempt reach the server, and did the client send again?",
          "The server applied the first attempt for reply lost, reply late and cut after apply.",
          "count = (first attempt applied ? 1 : 0) + (policy retries ? 1 : 0); a retry always gets through.",
        ],
        minutes: 10, link: "Levels/1-RPC.md#why-each-case-counts-what-it-counts",
        check: { try Checks.partialFailures { try Sheet.predictedCount(fault: $0, policy: $1) } }),
      Exercise(
        id: "2.1", level: 2, title: "The cost of brute force",
        goal:
          "Compute how many clean reruns it takes to trust a fix for a bug seen in a fraction of runs.",
        file: "Exercises/Level2/RerunBudget.swift",
        hints: [
          "One run misses a bug of rate p with probability 1 - p; n independent runs miss it with (1 - p)^n.",
          "You want the smallest n with 1 - (1 - p)^n >= confidence.",
          "Loop: multiply a 'missed every time' probability by (1 - p) until 1 minus it reaches the confidence.",
        ],
        minutes: 10, link: "Levels/2-AsyncMessaging.md#the-brute-force-reflex-and-what-it-costs",
        check: { try Checks.runsNeeded { try Sheet.runsNeeded(rate: $0, confidence: $1) } }),
      Exercise(
        id: "2.2", level: 2, title: "Read the story",
        goal: "Given a trace, name the request that two replicas each counted (or none).",
        file: "Exercises/Level2/ReadTheStory.swift",
        hints: [
          "Run swift run workshop level3 --seed 1 and find the request by eye first.",
          "A replica applied a request when a 'value' event follows the request's delivery to it.",
          "Remember, per replica, the last increment delivered from a client; on a value event, record it.",
        ],
        minutes: 20, link: "Levels/2-AsyncMessaging.md#the-flaw",
        check: { try Checks.doubleCounted { try Sheet.doubleCounted(in: $0) } }),
      Exercise(
        id: "3.1", level: 3, title: "Write the pure step",
        goal: "Write the fixed replica as a pure state machine: inputs in, actions out.",
        file: "Exercises/Level3/MyReplica.swift",
        hints: [
          "Start from Level3Pure.FlawedReplica: the same five inputs and actions, in the same order.",
          "The value is the number of distinct known requests (tally.known.count), not the sum of slots.",
          "Reply only once .persisted says a write holding the request is done; remember who waits.",
        ],
        minutes: 30, link: "Levels/3-Purity.md#messages-in-actions-out",
        check: { try Checks.pureReplica(Sheet.PureReplica.self) }),
      Exercise(
        id: "3.2", level: 3, title: "Pin it, then fix it",
        goal: "Find a seed that breaks the flawed protocol and not the fixed one, and pin it.",
        file: "Exercises/Level3/PinnedSeed.swift",
        hints: [
          "swift run workshop level3 sweep finds failing seeds of the flawed protocol.",
          "Check the fix with swift run workshop level3 --seed S --fixed.",
          "The first failing seed of 0..<10000 is fine; return it.",
        ],
        minutes: 10, link: "Levels/3-Purity.md#the-fix-and-10000-seeds-with-every-fault",
        check: { try Checks.pinnedSeed { try Sheet.pinnedSeed() } }),
      Exercise(
        id: "4.1", level: 4, title: "The shortest story",
        goal:
          "Write, choice by choice, the shortest schedule in which the flawed protocol counts "
          + "one increment twice.",
        file: "Exercises/Level4/ShortestStory.swift",
        hints: [
          "No fault is needed: a retry timer may fire while the ack is merely slow.",
          "Deliver the first increment to r0, fire c0's retry, deliver the retry to r1; "
            + "now both count it.",
          "Then r0 gossips and r1 receives it: [.deliver(.request(c0#1, to: r0)), "
            + ".fire(.client(c0, .retry(c0#1, attempt: 1))), .deliver(.request(c0#1, to: r1)), "
            + ".fire(.replica(r0, .gossip)), .deliver(.sync(...))]",
        ],
        minutes: 20, link: "Levels/4-Exhaustive.md#one-schedule-for-the-simulator-and-the-explorer",
        check: { try Checks.shortestStory { try Sheet.shortestStory() } }),
    ]
  }
}
