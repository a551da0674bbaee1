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
          "The counter has to remember something about the calls it has seen, not only a number.",
          "A retry can arrive long after newer requests, and every client has its own #1: "
            + "whatever you remember must cover every request, and the whole ID.",
          "Keep every request ID you applied (CounterSpec has a RequestSet); decide from it "
            + "whether a call is new, and read the value from what you keep.",
        ],
        minutes: 10, link: "Levels/1-RPC.md#exercise-11-a-retry-safe-increment-warm-up",
        check: { try Checks.retrySafeCounter(Sheet.Counter.self) }),
      Exercise(
        id: "1.2", level: 1, title: "Where did it break, twice?",
        goal:
          "Predict what the server counts when the retries meet faults too, for policies "
          + "up to retry x2; the check measures each case over TCP.",
        file: "Exercises/Level1/PartialFailures.swift",
        hints: [
          "Walk the attempts in order: did this one reach the server, and is there another "
            + "attempt after it?",
          "An attempt that meets no fault gets through and ends the call; a policy allows "
            + "1 + times attempts in all, and a client out of attempts gives up.",
          "Add up attempt by attempt: a faulted attempt adds 1 only if its fault comes after "
            + "the server applied it (Fault.serverApplies); a clean one adds 1 and stops.",
        ],
        minutes: 15, link: "Levels/1-RPC.md#why-each-case-counts-what-it-counts",
        check: {
          try Checks.partialFailures { try Sheet.predictedCount(faults: $0, policy: $1) }
        }),
      Exercise(
        id: "1.3", level: 1, title: "Retry-safe, for real",
        goal:
          "Send a request ID with each increment and deduplicate in the real TCP server: "
          + "every 2 of the ten-case table becomes a 1.",
        file: "Exercises/Level1/RetrySafeServer.swift",
        hints: [
          "Two halves: the client names each logical increment (RemoteCounter.increment(id:)), "
            + "the server's ledger decides whether a named increment is new.",
          "RemoteCounter already resends the same frame on a retry, so one ID per call to "
            + "your increment() is enough; a new call needs a new number.",
          "Your 1.1 answer already knows which IDs it has seen: the ledger is that, answering "
            + "true for a new ID and false for a repeat.",
        ],
        minutes: 25, link: "Levels/1-RPC.md#exercise-13-retry-safe-for-real",
        reporting: {
          try Checks.retrySafeServer(client: Sheet.Level1Client.self, ledger: Sheet.Ledger.self)
        }),
      Exercise(
        id: "2.1", level: 2, title: "The cost of brute force",
        goal:
          "Compute how many clean reruns it takes to trust a fix for a bug seen in a fraction of runs.",
        file: "Exercises/Level2/RerunBudget.swift",
        hints: [
          "One run misses a bug of rate p with probability 1 - p. What about n runs in a row?",
          "You want the smallest n for which 'at least one of n runs shows the bug' reaches the "
            + "confidence.",
          "Either count up, multiplying a 'missed every time' probability by (1 - p) until one "
            + "minus it reaches the confidence, or solve for n with logarithms and round up.",
        ],
        minutes: 10, link: "Levels/2-AsyncMessaging.md#the-brute-force-reflex-and-what-it-costs",
        check: { try Checks.runsNeeded { try Sheet.runsNeeded(rate: $0, confidence: $1) } }),
      Exercise(
        id: "2.2", level: 2, title: "Read the story",
        goal: "Given a trace, name the request that two replicas each counted (or none).",
        file: "Exercises/Level2/ReadTheStory.swift",
        hints: [
          "Run swift run workshop level3 --seed 1 and find the request by eye first.",
          "Counted means a replica's value went up because of that request, not merely that "
            + "the request (or a retry of it) reached the replica.",
          "Follow each replica: which delivery came just before each of its 'value' events? "
            + "Only a client's increment makes it count something new.",
        ],
        minutes: 20, link: "Levels/2-AsyncMessaging.md#the-flaw",
        check: { try Checks.doubleCounted { try Sheet.doubleCounted(in: $0) } }),
      Exercise(
        id: "2.3", level: 2, title: "Fix it at Level 2",
        goal:
          "Change your copy of the Level 2 replica so the double count goes away, and convince "
          + "yourself with a rerun test; verify reruns it too. Then (Level 3 half) carry the "
          + "idea into a pure step: Exercises/Level3/MyTimingFix.swift.",
        file: "Exercises/Level2/MyLevel2Replica.swift",
        hints: [
          "Read the marked story in Levels/2-AsyncMessaging.md, 'The flaw': which race must "
            + "the retry lose for the bug to disappear?",
          "Most people try timing first: gossip sooner (gossipIntervalMs), keep retries at one "
            + "replica (target), or hold the ack back. Try one and rerun.",
          "A rerun test loops over seeds with Level2Run.run(scenario, handlers:) and expects "
            + "no violation; keep a budget of runs and seconds, and a time limit.",
        ],
        minutes: 30, link: "Levels/2-AsyncMessaging.md#exercise-23-fix-it-at-level-2",
        reporting: {
          try Checks.level2FixBothHalves(
            Sheet.Level2Replica.self, timing: Sheet.TimingFix.self
          ) { try Sheet.level2Fix() }
        }),
      // MARK: Exercise 3.1 and 2.3's Level 3 half (Checks+Level3.swift)
      Exercise(
        id: "3.1", level: 3, title: "Convert, don't transcribe",
        goal:
          "Turn Level 2's handlers into a pure CounterReplica: first the flaw (the tools must "
          + "catch it), then the fix (sweep, explorer and a live run must not).",
        file: "Exercises/Level3/MyReplica.swift",
        hints: [
          "Each Level 2 handler becomes one case of step: whatever it did to the network or "
            + "the recorder becomes an action appended to actions, in the same order.",
          "Step one passes when every input gives FlawedReplica's actions; for step two ask "
            + "what a retry at another replica and a crash before the write each do to the "
            + "value, and let the failing story tell you which.",
          "Count distinct request IDs instead of slots, so two replicas that counted the same "
            + "retry agree after a union; and hold each acknowledgement until a .persisted "
            + "write contains its request, remembering who waits.",
        ],
        minutes: 40, link: "Levels/3-Purity.md#exercise-31-convert-dont-transcribe",
        reporting: { try Checks.convertedReplica(Sheet.PureReplica.self) }),
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
