import CounterSpec
import ExerciseKit
import Foundation
import Level2Messaging
import Testing

/// Plausible wrong answers to Exercises 2.1 to 2.3: every one fails its check with a one-line
/// reason (`WrongAnswersTests.fails`).
@Suite struct WrongLevel2AnswersTests {
  // MARK: - 2.1

  static let wrongBudgets: [(String, @Sendable (Double, Double) -> Int)] = [
    (
      "logarithms, rounded down",
      { rate, confidence in
        Int(log(1 - confidence) / log(1 - rate))
      }
    ),
    (
      "confidence taken for the chance to miss",
      { rate, confidence in
        max(1, Int((log(confidence) / log(1 - rate)).rounded(.up)))
      }
    ),
    (
      "the chance that every run shows the bug",
      { rate, confidence in
        max(1, Int((log(1 - confidence) / log(rate)).rounded(.up)))
      }
    ),
    (
      "rate times runs reaches the confidence",
      { rate, confidence in
        max(1, Int((confidence / rate).rounded(.up)))
      }
    ),
  ]

  @Test(arguments: wrongBudgets.indices)
  func wrongRerunBudgetFails(_ index: Int) {
    let (name, answer) = Self.wrongBudgets[index]
    #expect(WrongAnswersTests.fails { try Checks.runsNeeded(answer) }, "\(name)")
  }

  // MARK: - 2.2

  /// `increment c0#1` → `c0#1`.
  static func request(in message: String) -> RequestID? {
    let words = message.split(separator: " ")
    guard words.count == 2, words[0] == "increment" else { return nil }
    return RequestID(parsing: words[1])
  }

  static let wrongReaders: [(String, @Sendable (Trace) -> RequestID?)] = [
    // A request that reached two replicas was retried, not necessarily counted twice.
    (
      "the first request delivered to two replicas",
      { trace in
        var reached: [RequestID: Set<NodeID>] = [:]
        for event in trace.events {
          guard case .deliver(.client, let to, let message) = event.kind,
            let request = request(in: message)
          else { continue }
          reached[request, default: []].insert(to)
          if reached[request]!.count == 2 { return request }
        }
        return nil
      }
    ),
    // A client that timed out retried, and the retry may have been recognised.
    (
      "the first request a client timed out on",
      { trace in
        for event in trace.events {
          guard case .timer(_, let name) = event.kind, name.hasPrefix("timeout ") else { continue }
          return RequestID(parsing: name.dropFirst("timeout ".count))
        }
        return nil
      }
    ),
    // The checker's verdict names the request, but the check hands over the story without it:
    // the deliveries and value changes must tell.
    (
      "the request the violation names",
      { trace in
        for event in trace.events {
          if case .violation(let violation) = event.kind { return violation.request }
        }
        return nil
      }
    ),
    // Any value event after a delivery counts that delivery, gossip included.
    (
      "a value change after any delivery",
      { trace in
        var pending: [NodeID: RequestID] = [:]
        var counted: [RequestID: Int] = [:]
        for event in trace.events {
          switch event.kind {
          case .deliver(.client, let to, let message):
            pending[to] = request(in: message)
          case .value(let replica, _):
            guard let request = pending[.replica(replica)] else { continue }
            counted[request, default: 0] += 1
            if counted[request] == 2 { return request }
          default:
            continue
          }
        }
        return nil
      }
    ),
  ]

  @Test(arguments: wrongReaders.indices)
  func wrongStoryReaderFails(_ index: Int) {
    let (name, answer) = Self.wrongReaders[index]
    #expect(WrongAnswersTests.fails { try Checks.doubleCounted(answer) }, "\(name)")
  }

  // MARK: - 2.3

  /// The flawed replica's handlers, copied and left unchanged.
  struct UnchangedCopy: ReplicaHandlers {
    private(set) var state: ReplicaState
    let id: ReplicaID
    init(id: ReplicaID, replicas: Int) {
      self.id = id
      state = ReplicaState(replicas: replicas)
    }
    mutating func increment(_ request: RequestID, from client: ClientID, io: ReplicaIO) {
      if !state.known.contains(request) {
        state.known.insert(request)
        state.slots[id.index] += 1
        io.valueChanged(to: state.value, cause: request)
      }
      io.send(.ack(request), to: .client(client))
    }
    mutating func merge(slots: [Int], known: RequestSet, from peer: ReplicaID, io: ReplicaIO) {
      let before = state.value
      for index in state.slots.indices where index < slots.count {
        state.slots[index] = max(state.slots[index], slots[index])
      }
      state.known.formUnion(known)
      if state.value != before { io.valueChanged(to: state.value, cause: nil) }
    }
    mutating func gossip(io: ReplicaIO) {
      for peer in io.peers {
        io.send(.sync(slots: state.slots, known: state.known), to: .replica(peer))
      }
    }
  }

  /// Breaks nothing by doing nothing: never counts, never acknowledges.
  struct NeverAnswers: ReplicaHandlers {
    let state: ReplicaState
    init(id: ReplicaID, replicas: Int) { state = ReplicaState(replicas: replicas) }
    mutating func increment(_ request: RequestID, from client: ClientID, io: ReplicaIO) {}
    mutating func merge(slots: [Int], known: RequestSet, from peer: ReplicaID, io: ReplicaIO) {}
    mutating func gossip(io: ReplicaIO) {}
  }

  /// The unchanged copy breaks about 3 runs in 10; the check's 40 runs all pass with
  /// probability about 0.7^40 ≈ 1e-6, the chance of a false failure of this test.
  @Test(.timeLimit(.minutes(1)))
  func unchangedCopyFails() {
    #expect(
      WrongAnswersTests.fails {
        _ = try Checks.level2Fix(UnchangedCopy.self) { "nothing yet" }
      })
  }

  @Test(.timeLimit(.minutes(1)))
  func replicaThatNeverAnswersFails() {
    #expect(
      WrongAnswersTests.fails {
        _ = try Checks.level2Fix(NeverAnswers.self) { "say nothing, break nothing" }
      })
  }

  @Test func aFixWithoutADescriptionFails() {
    #expect(WrongAnswersTests.fails { _ = try Checks.level2Fix(UnchangedCopy.self) { "  " } })
  }
}
