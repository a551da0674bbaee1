import Level3Pure

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
        goal:
          "With every fault on, pin a seed on which the flawed protocol loses an acknowledged "
          + "increment and the fixed one survives.",
        file: "Exercises/Level3/PinnedSeed.swift",
        hints: [
          "swift run workshop level3 --help lists the fault options; sweep with all of them on.",
          "A sweep stops at the first failing seed, whatever broke; start it further on with "
            + "--seeds A..<B, or loop over seeds with Simulator<FlawedReplica>.run in a test.",
          "Look for 'no lost acknowledged increment' in the verdict, then replay that seed with "
            + "--fixed before you pin it.",
        ],
        minutes: 15, link: "Levels/3-Purity.md#the-fix-and-10000-seeds-with-every-fault",
        check: { try Checks.pinnedSeed { try Sheet.pinnedSeed() } }),
      // Exercises 3.3-3.7 and 4.1-4.2: a property of your own, the bug hunt, Level 4.
      Exercise(
        id: "3.3", level: 3, title: "A property of your own",
        goal:
          "Write a property over the cluster's state that catches ack-before-write on some "
          + "run and never flags the fixed replica.",
        file: "Exercises/Level3/MyProperty.swift",
        hints: [
          "swift run workshop level3 sweep --protocol ack-before-write: what does that mutant "
            + "promise a client too early?",
          "A property sees the whole cluster after every choice: what each client was told "
            + "(cluster.checker.acknowledged), each replica's memory, disk and writes in flight.",
          "Write it as 'for every request a client was told about, some place that survives a "
            + "crash holds it'; the fixed replica keeps that at every step, the mutant does not.",
        ],
        minutes: 20, link: "Levels/3-Purity.md#exercise-33-a-property-of-your-own",
        reporting: {
          try Checks.ownProperty({ try Sheet.myProperty() }, mustCatch: ["ack-before-write"])
        }),
      Exercise(
        id: "3.4", level: 3, title: "Bug hunt: mystery A",
        goal:
          "Find a seed on which MysteryA breaks a property (every fault on), shrink its story, "
          + "and pin both; neither may break the fixed replica.",
        file: "Exercises/Level3/BugHunt.swift",
        hints: [
          "Sweep it from a test: Sweep.run(MysteryA.self, Checks.bugHuntScenario, seeds: 0..<2000).",
          "Shrinker.shrink(outcome.schedule, as: MysteryA.self, keeping: property) gives the short "
            + "story; print its choices and read which message went missing.",
          "Pin the run's scenario and the shrunk Schedule in BugHunt.swift (dump(shrunk) prints "
            + "every field to copy), and a test in Tests/ that replays the story.",
        ],
        minutes: 20, link: "Levels/3-Purity.md#exercise-34-36-bug-hunt",
        reporting: { try Checks.bugHunt(MysteryA.self) { try Sheet.mysteryA() } }),
      Exercise(
        id: "3.5", level: 3, title: "Bug hunt: mystery B",
        goal: "The same hunt for MysteryB: a failing seed, its shrunk story, pinned.",
        file: "Exercises/Level3/BugHunt.swift",
        hints: [
          "The same tools as 3.4; this one needs more seeds, and a fault that not every run has.",
          "The verdict names a request: follow it in the shrunk story from the client to the "
            + "replica's disk, and see when the client hears about it.",
          "The story has two requests waiting at one replica and one write completing; pin what "
            + "the shrinker gives you.",
        ],
        minutes: 20, link: "Levels/3-Purity.md#exercise-34-36-bug-hunt",
        reporting: { try Checks.bugHunt(MysteryB.self) { try Sheet.mysteryB() } }),
      Exercise(
        id: "3.6", level: 3, title: "Bug hunt: mystery C",
        goal: "The same hunt for MysteryC: a failing seed, its shrunk story, pinned.",
        file: "Exercises/Level3/BugHunt.swift",
        hints: [
          "The same tools as 3.4; the default numbers find it quickly.",
          "Follow the request the verdict names: which replica acknowledged it, and did that "
            + "replica ever count it?",
          "Compare it with what that replica had already stored: what does it share with one "
            + "of those requests?",
        ],
        minutes: 15, link: "Levels/3-Purity.md#exercise-34-36-bug-hunt",
        reporting: { try Checks.bugHunt(MysteryC.self) { try Sheet.mysteryC() } }),
      Exercise(
        id: "3.7", level: 3, title: "Liveness, caught early",
        goal:
          "Write a safety property (checked at every step) that catches gossip-once and "
          + "no-gossip-after-restart, which only convergence catches today.",
        file: "Exercises/Level3/MyProperty.swift",
        hints: [
          "Both mutants converge badly because something stops happening; what state must a "
            + "healthy replica always be in for it to keep happening?",
          "The cluster keeps each node's pending timers (cluster.nodes[i].timers) and whether it "
            + "is up.",
          "State it for replicas that are up only: a replica that is down has no timers, and "
            + "the fixed one re-arms in the same step that fires.",
        ],
        minutes: 15, link: "Levels/3-Purity.md#exercise-33-a-property-of-your-own", stretch: true,
        reporting: {
          try Checks.ownProperty(
            { try Sheet.timerProperty() }, mustCatch: ["gossip-once", "no-gossip-after-restart"])
        }),
      Exercise(
        id: "3.8", level: 3, title: "A delta that cannot stick",
        goal:
          "Write a delta gossip (at most 80% of full state's traffic) that never gets stuck: "
          + "200 seeds with every fault keep every property.",
        file: "Exercises/Level3/MyDeltaReplica.swift",
        hints: [
          "swift run workshop level3 --seed 0 --protocol stuck: why is a lost delta lost for good?",
          "Nothing tells a replica what its peer received; so something must be sent again "
            + "later without knowing whether it was lost. A restart must not leave a gap either.",
          "Send what is new since the last gossip on most rounds, and now and then everything "
            + "(count the rounds in the replica's state).",
        ],
        minutes: 25, link: "Levels/3-Purity.md#sometimes-it-gets-stuck-replayed", stretch: true,
        reporting: { try Checks.unstuckDelta(Sheet.DeltaReplica.self) }),
      Exercise(
        id: "4.1", level: 4, title: "The shortest lost ack",
        goal:
          "Write, choice by choice, the shortest schedule in which MysteryB loses an "
          + "acknowledged increment (2 replicas, 2 clients x 1, one crash).",
        file: "Exercises/Level4/ShortestStory.swift",
        hints: [
          "Solve 3.5 first: its shrunk story is a story, not yet the shortest one.",
          "Every choice costs one: which ones in your 3.5 story do not serve the lost "
            + "acknowledgement? Explorer<MysteryB>.explore(Checks.lostAckBounds) checks a guess.",
          "Both requests must wait at the same replica before any write there completes, and the "
            + "crash must come after the client hears back.",
        ],
        minutes: 20, link: "Levels/4-Exhaustive.md#exercise-41-the-shortest-lost-ack",
        reporting: {
          try Checks.shortest(
            MysteryB.self, within: Checks.lostAckBounds, breaking: .noLostAcknowledgedIncrement
          ) { try Sheet.shortestStory() }
        }),
      Exercise(
        id: "4.2", level: 4, title: "The shortest silence",
        goal:
          "Write the shortest schedule after which MysteryA never converges (Bounds.course "
          + "without crashes); the settle after it is not yours to write.",
        file: "Exercises/Level4/ShortestStory.swift",
        hints: [
          "Solve 3.4 first; the explorer settles every quiet state, so your story ends where "
            + "clients are done and nothing is in flight.",
          "One message must go missing, and the replica that sent it must have nothing new to say "
            + "afterwards.",
          "Count the choices a client needs to be done at all; the lost gossip adds two.",
        ],
        minutes: 20, link: "Levels/4-Exhaustive.md#exercise-41-the-shortest-lost-ack",
        stretch: true,
        reporting: {
          try Checks.shortest(MysteryA.self, within: Checks.silenceBounds, breaking: .convergence) {
            try Sheet.shortestSilence()
          }
        }),
    ]
  }
}
