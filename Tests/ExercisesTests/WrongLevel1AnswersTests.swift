import CounterSpec
import ExerciseKit
import Level1RPC
import Testing

/// Plausible wrong answers to Exercises 1.1 to 1.3: every one fails its check with a one-line
/// reason (`WrongAnswersTests.fails`).
@Suite struct WrongLevel1AnswersTests {
  // MARK: - 1.1

  /// Remembers only the last request ID.
  struct LastIDOnly: RetrySafeCounter {
    var last: RequestID?
    var count = 0
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      if request != last { count += 1 }
      last = request
      return count
    }
    func value() throws -> Int { count }
  }

  /// Remembers the last two request IDs.
  struct LastTwoIDs: RetrySafeCounter {
    var recent: [RequestID] = []
    var count = 0
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      if !recent.contains(request) {
        count += 1
        recent = Array((recent + [request]).suffix(2))
      }
      return count
    }
    func value() throws -> Int { count }
  }

  /// Remembers the last eight request IDs: a bigger cache, still a cache.
  struct LastEightIDs: RetrySafeCounter {
    var recent: [RequestID] = []
    var count = 0
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      if !recent.contains(request) {
        count += 1
        recent = Array((recent + [request]).suffix(8))
      }
      return count
    }
    func value() throws -> Int { count }
  }

  /// Keeps, per client, the highest number applied, and ignores anything not above it.
  struct HighestNumberPerClient: RetrySafeCounter {
    var highest: [ClientID: Int] = [:]
    var count = 0
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      if request.number > highest[request.client, default: 0] {
        highest[request.client] = request.number
        count += 1
      }
      return count
    }
    func value() throws -> Int { count }
  }

  /// Keeps, per client, the last request applied.
  struct LastIDPerClient: RetrySafeCounter {
    var last: [ClientID: RequestID] = [:]
    var count = 0
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      if last[request.client] != request {
        last[request.client] = request
        count += 1
      }
      return count
    }
    func value() throws -> Int { count }
  }

  /// Counts clients instead of requests.
  struct CountsClients: RetrySafeCounter {
    var clients: Set<ClientID> = []
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      clients.insert(request.client)
      return clients.count
    }
    func value() throws -> Int { clients.count }
  }

  /// Deduplicates correctly, but answers with the value before the call.
  struct ReturnsValueBefore: RetrySafeCounter {
    var applied = RequestSet()
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      let before = applied.count
      applied.insert(request)
      return before
    }
    func value() throws -> Int { applied.count }
  }

  @Test(
    arguments: [
      LastIDOnly.self, LastTwoIDs.self, LastEightIDs.self, HighestNumberPerClient.self,
      LastIDPerClient.self, CountsClients.self, ReturnsValueBefore.self,
    ] as [any RetrySafeCounter.Type])
  func wrongRetrySafeCounterFails(_ counter: any RetrySafeCounter.Type) {
    #expect(WrongAnswersTests.fails { try Checks.retrySafeCounter(counter) }, "\(counter)")
  }

  // MARK: - 1.2

  /// Each wrong way to predict, named.
  static let wrongPredictions: [(String, @Sendable ([Fault], RetryPolicy) -> Int)] = [
    // Last exercise's rule: the first attempt, plus one if the policy retries.
    (
      "a retry always gets through",
      { faults, policy in
        (faults[0].serverApplies ? 1 : 0) + (policy.maxAttempts > 1 ? 1 : 0)
      }
    ),
    // Every attempt the policy allows is sent, even after a success.
    (
      "every allowed attempt is sent",
      { faults, policy in
        (0..<policy.maxAttempts).filter { $0 >= faults.count || faults[$0].serverApplies }.count
      }
    ),
    // A client that gave up counted nothing.
    (
      "giving up means nothing counted",
      { faults, policy in
        faults.count >= policy.maxAttempts ? 0 : faults.filter(\.serverApplies).count + 1
      }
    ),
    // A late reply is not applied.
    (
      "a late reply was never applied",
      { faults, policy in
        var count = 0
        for attempt in 0..<policy.maxAttempts {
          guard attempt < faults.count else { return count + 1 }
          if faults[attempt] == .replyLost || faults[attempt] == .cutAfterApply { count += 1 }
        }
        return count
      }
    ),
  ]

  @Test(.timeLimit(.minutes(1)), arguments: wrongPredictions.indices)
  func wrongPredictionFails(_ index: Int) {
    let (name, predict) = Self.wrongPredictions[index]
    #expect(WrongAnswersTests.fails { try Checks.partialFailures(predict) }, "\(name)")
  }

  // MARK: - 1.3

  /// The right ledger (the set of applied IDs).
  struct SetLedger: RetrySafeLedger {
    var applied = RequestSet()
    init() {}
    mutating func admit(_ request: RequestID) -> Bool { applied.insert(request) }
  }

  /// Admits every call: the stub, untouched.
  struct AdmitsEverything: RetrySafeLedger {
    mutating func admit(_ request: RequestID) -> Bool { true }
  }

  /// Remembers only the last ID.
  struct LastIDLedger: RetrySafeLedger {
    var last: RequestID?
    init() {}
    mutating func admit(_ request: RequestID) -> Bool {
      defer { last = request }
      return request != last
    }
  }

  /// Keyed by client: one increment per client, ever.
  struct PerClientLedger: RetrySafeLedger {
    var clients: Set<ClientID> = []
    init() {}
    mutating func admit(_ request: RequestID) -> Bool { clients.insert(request.client).inserted }
  }

  /// The right client: a new number per logical increment.
  struct NumberingClient: RetrySafeClient {
    let id: ClientID
    let remote: RemoteCounter
    var sent = 0
    init(id: ClientID, remote: RemoteCounter) {
      self.id = id
      self.remote = remote
    }
    mutating func increment() throws {
      sent += 1
      try remote.increment(id: RequestID(client: id, number: sent))
    }
  }

  /// Sends no ID: the Level 1 call.
  struct NoIDClient: RetrySafeClient {
    let remote: RemoteCounter
    init(id: ClientID, remote: RemoteCounter) { self.remote = remote }
    mutating func increment() throws { try remote.increment() }
  }

  /// Sends the same ID for every increment.
  struct ConstantIDClient: RetrySafeClient {
    let id: ClientID
    let remote: RemoteCounter
    mutating func increment() throws { try remote.increment(id: RequestID(client: id, number: 1)) }
  }

  /// Uses client c0's IDs whoever it is.
  struct EveryoneIsC0: RetrySafeClient {
    let remote: RemoteCounter
    var sent = 0
    init(id: ClientID, remote: RemoteCounter) { self.remote = remote }
    mutating func increment() throws {
      sent += 1
      try remote.increment(id: RequestID(client: ClientID(0), number: sent))
    }
  }

  /// Retries by itself after a failure, with a fresh ID: the server cannot know it is a retry.
  struct RetriesWithAFreshID: RetrySafeClient {
    let id: ClientID
    let remote: RemoteCounter
    var sent = 0
    init(id: ClientID, remote: RemoteCounter) {
      self.id = id
      self.remote = remote
    }
    mutating func increment() throws {
      sent += 1
      do {
        try remote.increment(id: RequestID(client: id, number: sent))
      } catch {
        sent += 1
        try remote.increment(id: RequestID(client: id, number: sent))
      }
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func theRightHalvesPass() throws {
    _ = try Checks.retrySafeServer(client: NumberingClient.self, ledger: SetLedger.self)
  }

  @Test(
    .timeLimit(.minutes(1)),
    arguments: [AdmitsEverything.self, LastIDLedger.self, PerClientLedger.self]
      as [any RetrySafeLedger.Type])
  func wrongLedgerFails(_ ledger: any RetrySafeLedger.Type) {
    func check<L: RetrySafeLedger>(_ type: L.Type) throws {
      _ = try Checks.retrySafeServer(client: NumberingClient.self, ledger: type)
    }
    #expect(WrongAnswersTests.fails { try check(ledger) }, "\(ledger)")
  }

  @Test(
    .timeLimit(.minutes(1)),
    arguments: [
      NoIDClient.self, ConstantIDClient.self, EveryoneIsC0.self, RetriesWithAFreshID.self,
    ] as [any RetrySafeClient.Type])
  func wrongClientFails(_ client: any RetrySafeClient.Type) {
    func check<C: RetrySafeClient>(_ type: C.Type) throws {
      _ = try Checks.retrySafeServer(client: type, ledger: SetLedger.self)
    }
    #expect(WrongAnswersTests.fails { try check(client) }, "\(client)")
  }
}
