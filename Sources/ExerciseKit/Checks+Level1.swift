import CounterSpec
import Level1RPC
import Synchronization

extension Checks {
  // MARK: - 1.1 A retry-safe increment

  /// A story for Exercise 1.1: calls in the order they reach the counter, and the value each
  /// must return.
  struct CounterStory {
    var name: String
    var calls: [RequestID]
    var values: [Int]
  }

  private static func request(_ client: Int, _ number: Int) -> RequestID {
    RequestID(client: ClientID(client), number: number)
  }

  /// Short stories, each aimed at one plausible mistake, then a long generated one.
  static let counterStories: [CounterStory] = {
    let r = request
    var stories = [
      CounterStory(name: "one increment", calls: [r(0, 1)], values: [1]),
      CounterStory(name: "an increment and its retry", calls: [r(0, 1), r(0, 1)], values: [1, 1]),
      CounterStory(
        name: "a retry after the reply was lost twice", calls: [r(0, 1), r(0, 1), r(0, 1)],
        values: [1, 1, 1]),
      CounterStory(
        name: "two increments, each retried", calls: [r(0, 1), r(0, 2), r(0, 1), r(0, 2)],
        values: [1, 2, 2, 2]),
      CounterStory(
        name: "the same number from two clients", calls: [r(0, 1), r(1, 1)], values: [1, 2]),
      CounterStory(
        name: "a retry that arrives after a newer request", calls: [r(0, 1), r(0, 2), r(0, 1)],
        values: [1, 2, 2]),
      CounterStory(
        name: "a retry that arrives after two newer requests",
        calls: [r(0, 1), r(0, 2), r(0, 3), r(0, 1)], values: [1, 2, 3, 3]),
      CounterStory(
        name: "requests that arrive out of order", calls: [r(0, 2), r(0, 1), r(0, 2)],
        values: [1, 2, 2]),
      CounterStory(
        name: "three clients, interleaved, with late retries",
        calls: [r(0, 1), r(1, 1), r(2, 1), r(1, 1), r(0, 2), r(0, 1), r(2, 2), r(2, 1), r(1, 2)],
        values: [1, 2, 3, 3, 4, 4, 5, 5, 6]),
    ]
    stories.append(longStory())
    return stories
  }()

  /// 100 requests from 4 clients, sent in order per client but interleaved, each retried up to
  /// twice, a retry arriving up to 30 calls late. Seeded: the same story in every run.
  static func longStory() -> CounterStory {
    var random = SeededGenerator(seed: 11)
    var next = [1, 1, 1, 1]
    var calls: [RequestID] = []
    var retries: [(due: Int, request: RequestID)] = []
    while calls.count < 160 {
      if let index = retries.firstIndex(where: { $0.due <= calls.count }) {
        calls.append(retries.remove(at: index).request)
        continue
      }
      guard next.reduce(0, +) - 4 < 100 else {
        guard let first = retries.first else { break }
        retries.removeFirst()
        calls.append(first.request)
        continue
      }
      let client = random.int(in: 0...3)
      let fresh = request(client, next[client])
      next[client] += 1
      calls.append(fresh)
      for _ in 0..<random.int(in: 0...2) {
        retries.append((calls.count + random.int(in: 1...30), fresh))
      }
    }
    var seen = RequestSet()
    var values: [Int] = []
    for call in calls {
      _ = seen.insert(call)
      values.append(seen.count)
    }
    return CounterStory(
      name: "a long story (100 requests from 4 clients, retries up to 30 calls late)",
      calls: calls, values: values)
  }

  /// Exercise 1.1: each request ID counts once, and every call answers the value after it.
  public static func retrySafeCounter<C: RetrySafeCounter>(_ type: C.Type) throws {
    let fresh = C()
    let start = try fresh.value()
    guard start == 0 else { throw CheckFailure("a new counter has value \(start), expected 0") }
    for story in counterStories {
      var counter = C()
      for (call, (request, expected)) in zip(story.calls, story.values).enumerated() {
        let got = try counter.increment(request)
        guard got == expected else {
          let earlier = story.calls[..<call].lastIndex(of: request)
          let why =
            earlier.map { "a retry of call \($0 + 1)" }
            ?? "a new request: it counts, and the call returns the value after it"
          throw CheckFailure(
            "\(story.name): call \(call + 1), increment(\(request)) returned \(got), "
              + "expected \(expected) (\(why))")
        }
      }
      let final = try counter.value()
      guard final == story.values.last else {
        throw CheckFailure("\(story.name): value() is \(final), expected \(story.values.last!)")
      }
    }
  }

  // MARK: - 1.2 Where did it break?

  /// The cases of Exercise 1.2: faults on the first attempts, and the client's policy.
  public static let faultCases: [(faults: [Fault], policy: RetryPolicy)] = [
    ([.replyLost, .replyLost], .retry(times: 1)),
    ([.requestLost, .requestLost], .retry(times: 1)),
    ([.replyLost, .requestLost], .giveUp),
    ([.replyLate], .retry(times: 2)),
    ([.requestLost, .replyLost], .retry(times: 2)),
    ([.replyLost, .replyLost], .retry(times: 2)),
    ([.cutBeforeApply, .cutBeforeApply], .retry(times: 2)),
    ([.replyLate, .cutBeforeApply], .retry(times: 2)),
    ([.cutAfterApply, .replyLate], .retry(times: 1)),
    ([.requestLost, .cutAfterApply], .retry(times: 2)),
    ([.cutAfterApply, .requestLost], .retry(times: 1)),
    ([.replyLost, .cutAfterApply], .retry(times: 2)),
  ]

  /// The cases of Exercise 1.2, measured once per process over real loopback TCP.
  static let measuredFaultCases: Result<[PartialFailureDemo.Row], any Error> = Result {
    try faultCases.map { try PartialFailureDemo.run($0.faults, policy: $0.policy) }
  }

  /// `[reply lost, reply lost] / retry x1`.
  static func describe(_ faults: [Fault], _ policy: RetryPolicy) -> String {
    "[" + faults.map(\.description).joined(separator: ", ") + "] / \(policy)"
  }

  /// Exercise 1.2: predictions must match the counts measured over real TCP, with faults on the
  /// retries too.
  public static func partialFailures(_ predict: ([Fault], RetryPolicy) throws -> Int) throws {
    _ = try predict([.requestLost], .giveUp)  // an untouched stub says so before sockets open
    let rows: [PartialFailureDemo.Row]
    do { rows = try measuredFaultCases.get() } catch {
      throw CheckFailure("could not run the Level 1 cases to compare against: \(error)")
    }
    var wrong: [String] = []
    for (row, (faults, policy)) in zip(rows, faultCases) {
      let guess = try predict(faults, policy)
      if guess != row.serverCounted {
        wrong.append(
          "\(describe(faults, policy)): you said \(guess), measured \(row.serverCounted)")
      }
    }
    guard wrong.isEmpty else {
      throw CheckFailure("\(wrong.count) of \(rows.count) wrong, e.g. \(wrong[0])")
    }
  }

  // MARK: - 1.3 Retry-safe over real TCP

  /// A ledger that lets another decide, and writes down what it was asked and what it said.
  struct RecordingLedger<Inner: IncrementLedger>: IncrementLedger {
    final class Log: Sendable {
      let entries = Mutex<[(request: RequestID, admitted: Bool)]>([])
      var all: [(request: RequestID, admitted: Bool)] { entries.withLock { $0 } }
    }
    var inner: Inner
    let log: Log

    mutating func admit(_ request: RequestID) -> Bool {
      let admitted = inner.admit(request)
      log.entries.withLock { $0.append((request, admitted)) }
      return admitted
    }
  }

  /// Exercise 1.3: your client sends an ID with every logical increment, your ledger lets each
  /// ID count once, and the ten cases of `workshop level1`, run over loopback TCP against a
  /// server with your ledger, count 1 where they counted 2, and 0 where they counted 0.
  public static func retrySafeServer<Client: RetrySafeClient, Ledger: RetrySafeLedger>(
    client: Client.Type, ledger: Ledger.Type
  ) throws -> String {
    try cleanCallsOverTCP(client, ledger)
    try ledgerStories(ledger)
    var counts: [Int] = []
    for fault in Fault.allCases {
      for policy in PartialFailureDemo.policies {
        let log = RecordingLedger<Ledger>.Log()
        let row: PartialFailureDemo.Row
        do {
          row = try PartialFailureDemo.run(
            [fault], policy: policy, ledger: RecordingLedger(inner: Ledger(), log: log)
          ) { remote in
            var client = Client(id: ClientID(0), remote: remote)
            try client.increment()
          }
        } catch DemoError.noCall {
          throw CheckFailure("\(fault) / \(policy): your increment() made no call")
        } catch let error as RPCError {
          throw CheckFailure("\(fault) / \(policy): could not run the case: \(error)")
        }
        let asked = log.all.map(\.request)
        if let first = asked.first, let other = asked.first(where: { $0 != first }) {
          throw CheckFailure(
            "\(fault) / \(policy): one logical increment reached the server as \(first) and "
              + "\(other); every attempt of one increment must carry the same ID")
        }
        let expected = fault.serverApplies || policy.maxAttempts > 1 ? 1 : 0
        guard row.serverCounted == expected else {
          let why =
            asked.isEmpty
            ? "the server saw no request ID"
            : "your ledger was asked about "
              + asked.map(\.description).joined(separator: ", ")
          throw CheckFailure(
            "\(fault) / \(policy): the server counted \(row.serverCounted), expected "
              + "\(expected) (\(why))")
        }
        counts.append(row.serverCounted)
      }
    }
    return "the ten cases of workshop level1 against your server counted "
      + counts.map(String.init).joined(separator: " ") + " (0 1 1 2 1 2 0 1 1 2 without IDs)"
  }

  /// Five logical increments from two clients, over TCP without faults: five new IDs, the
  /// right client in each, five counted.
  private static func cleanCallsOverTCP<Client: RetrySafeClient, Ledger: RetrySafeLedger>(
    _ client: Client.Type, _ ledger: Ledger.Type
  ) throws {
    let counter = LocalCounter()
    let log = RecordingLedger<Ledger>.Log()
    let server: CounterServer
    do {
      server = try CounterServer(
        counter: counter, ledger: RecordingLedger(inner: Ledger(), log: log))
    } catch {
      throw CheckFailure("could not start a server to check against: \(error)")
    }
    defer { server.stop() }
    let remotes = [ClientID(0), ClientID(1)].map {
      ($0, RemoteCounter(port: server.port, timeout: .seconds(5), policy: .giveUp))
    }
    defer { for (_, remote) in remotes { remote.close() } }
    var clients = remotes.map { Client(id: $0.0, remote: $0.1) }
    let order = [0, 1, 0, 1, 0]
    var made = [0, 0]
    for (call, index) in order.enumerated() {
      let before = log.all.count
      do {
        try clients[index].increment()
      } catch let error as RPCError {
        throw CheckFailure("two clients, no faults: call \(call + 1) failed: \(error)")
      }
      made[index] += 1
      let asked = log.all.dropFirst(before)
      let who = "c\(index)'s increment \(made[index])"
      guard let first = asked.first else {
        throw CheckFailure(
          "two clients, no faults: \(who) carried no request ID (RemoteCounter.increment(id:))")
      }
      guard first.request.client == ClientID(index) else {
        throw CheckFailure(
          "two clients, no faults: \(who) carried \(first.request), another client's ID")
      }
      if let earlier = log.all.prefix(before).first(where: { $0.request == first.request }) {
        throw CheckFailure(
          "two clients, no faults: \(who) carried \(earlier.request) again; a new logical "
            + "increment needs a new ID")
      }
      guard first.admitted else {
        throw CheckFailure(
          "two clients, no faults: your ledger refused \(first.request), a request it never saw")
      }
    }
    server.stop()
    guard counter.value() == order.count else {
      throw CheckFailure(
        "two clients, no faults: \(order.count) increments, the server counted "
          + "\(counter.value())")
    }
  }

  /// The 1.1 stories, told to the ledger: `admit` must say yes to each new ID and no to every
  /// repeat.
  private static func ledgerStories<Ledger: RetrySafeLedger>(_ type: Ledger.Type) throws {
    for story in counterStories {
      var ledger = Ledger()
      var seen = RequestSet()
      for (call, request) in story.calls.enumerated() {
        let new = seen.insert(request)
        let admitted = ledger.admit(request)
        guard admitted == new else {
          throw CheckFailure(
            "your ledger, \(story.name): call \(call + 1), admit(\(request)) returned "
              + "\(admitted), expected \(new) "
              + (new ? "(a request it never saw)" : "(the server would count a retry again)"))
        }
      }
    }
  }
}
