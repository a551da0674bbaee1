import CounterSpec
import Level1RPC
import Level2Messaging
import Level3Pure

/// A counter that can be told the same logical increment more than once (Exercise 1.1).
///
/// Each call carries the request's ID; a retry carries the same ID. The counter must count each
/// ID once, and answer every call (first or retry) with the value after it.
public protocol RetrySafeCounter: Sendable {
  /// Creates a counter at zero.
  init()
  /// Applies increment `request` unless it was applied before; returns the value afterwards.
  mutating func increment(_ request: RequestID) throws -> Int
  /// The current value.
  func value() throws -> Int
}

/// The server half of Exercise 1.3: the ledger a `CounterServer` consults before it applies an
/// increment that carries a request ID.
public protocol RetrySafeLedger: IncrementLedger {
  /// An empty ledger, as a freshly started server has.
  init()
}

/// The client half of Exercise 1.3: one logical increment over real TCP.
public protocol RetrySafeClient: Sendable {
  /// Client `id`, calling the server through `remote` (which retries a failed attempt as its
  /// policy says, sending the same frame again).
  init(id: ClientID, remote: RemoteCounter)
  /// Makes one logical increment; throws what `remote` throws when it gives up.
  mutating func increment() throws
}

/// A replica written by you as a pure step function (Exercise 3.1, and 2.3's Level 3 half).
///
/// It is a `CounterReplica`, so the simulator, the explorer and the live runtime run it by name
/// (`Simulator<MyReplica>.run(scenario)`).
public protocol PureCounterReplica: CounterReplica {
  /// `true` only in the untouched stub: the check then says "not started" instead of failing.
  static var isUnsolvedStub: Bool { get }
  /// Which half of Exercise 3.1 this replica is: `.flaw` (step one) or `.fix` (step two).
  /// Exercise 2.3's Level 3 half does not read it.
  static var stage: ConversionStage { get }
}

extension PureCounterReplica {
  /// An answer is not the stub.
  public static var isUnsolvedStub: Bool { false }

  /// An answer is the fix unless it says otherwise.
  public static var stage: ConversionStage { .fix }
}

/// Everything an attendee writes, gathered in one place so the same checks can run against
/// `Exercises` (your answers), `Solutions` (ours) and deliberately wrong answers (the tests').
public protocol AnswerSheet {
  /// Exercise 1.1.
  associatedtype Counter: RetrySafeCounter
  /// Exercise 1.3, the server's half.
  associatedtype Ledger: RetrySafeLedger
  /// Exercise 1.3, the client's half.
  associatedtype Level1Client: RetrySafeClient
  /// Exercise 2.3: your Level 2 replica, with your fix.
  associatedtype Level2Replica: ReplicaHandlers
  /// Exercise 3.1.
  associatedtype PureReplica: PureCounterReplica
  /// Exercise 2.3, the Level 3 half: your Level 2 idea as a pure step.
  associatedtype TimingFix: PureCounterReplica
  /// Exercise 3.8 (stretch): a delta gossip that cannot get stuck.
  associatedtype DeltaReplica: PureCounterReplica

  /// Exercise 1.2: how many increments the server counts for one `increment()` call whose first
  /// attempts are broken at `faults` (attempt 1 at `faults[0]`, the first retry at `faults[1]`,
  /// ...; later attempts pass) when the client follows `policy`.
  static func predictedCount(faults: [Fault], policy: RetryPolicy) throws -> Int

  /// Exercise 2.1: how many clean reruns it takes to be `confidence` sure that a bug which
  /// showed in a fraction `rate` of runs is gone.
  static func runsNeeded(rate: Double, confidence: Double) throws -> Int

  /// Exercise 2.2: the request that was counted by two replicas in `trace`, or `nil`.
  static func doubleCounted(in trace: Trace) throws -> RequestID?

  /// Exercise 2.3: your fix, in one line (`verify` shows it next to the runs it made).
  static func level2Fix() throws -> String

  /// Exercise 3.2: a seed of the default scenario on which the flawed protocol breaks a property
  /// and the fixed one does not.
  static func pinnedSeed() throws -> UInt64

  /// Exercise 4.1: the shortest schedule, within `Checks.lostAckBounds`, in which `MysteryB`
  /// loses an acknowledged increment.
  static func shortestStory() throws -> [Choice]

  // Exercises 3.3-3.7 and 4.2.

  /// Exercise 3.3: a property of the counter, in your words, that the fixed replica keeps.
  static func myProperty() throws -> any CounterProperty

  /// Exercise 3.4: the story of `MysteryA`.
  static func mysteryA() throws -> BugReport

  /// Exercise 3.5: the story of `MysteryB`.
  static func mysteryB() throws -> BugReport

  /// Exercise 3.6: the story of `MysteryC`.
  static func mysteryC() throws -> BugReport

  /// Exercise 3.7 (stretch): a safety property that catches the gossip mutants.
  static func timerProperty() throws -> any CounterProperty

  /// Exercise 4.2 (stretch): the shortest schedule, within `Checks.silenceBounds`, in which
  /// `MysteryA` never converges.
  static func shortestSilence() throws -> [Choice]
}
