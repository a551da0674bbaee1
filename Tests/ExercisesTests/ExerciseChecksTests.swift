import CounterSpec
import ExerciseKit
import Foundation
import Level1RPC
import Level3Pure
import Solutions
import Testing

/// The checks tell the truth: our solutions pass and deliberately wrong answers fail. Your own
/// answers are not part of this package (see Exercises/Package.swift): `workshop verify` checks
/// them.
@Suite struct ExerciseChecksTests {
  static let ids = Catalog.exercises(Solutions.Answers.self).map(\.id)

  @Test(arguments: ids)
  func solutionPasses(id: String) throws {
    let exercise = try #require(Catalog.exercises(Solutions.Answers.self).first { $0.id == id })
    let state = exercise.evaluate()
    #expect(state.isSolved, "exercise \(id): \(state)")
    if id == "3.1", case .passed(let note) = state {  // what ran, in one line
      #expect(note.hasPrefix("1,800 seeds (300 each for 2, 3, 4 replicas x gossip 10, 30 ms, "))
      #expect(note.hasSuffix(" states, 1 live run: no violation") && !note.contains("\n"))
    }
  }

  @Test func catalogIsComplete() {
    let exercises = Catalog.exercises(Solutions.Answers.self)
    #expect(
      exercises.map(\.id) == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7",
        "3.8", "4.1", "4.2",
      ])
    #expect(exercises.filter(\.isStretch).map(\.id) == ["3.7", "3.8", "4.2"])
    for level in 1...3 {
      #expect(exercises.filter { $0.level == level }.count >= 2, "level \(level)")
    }
    for exercise in exercises {
      #expect(exercise.hints.count == 3, "exercise \(exercise.id)")
      #expect(Set(exercise.hints).count == 3, "exercise \(exercise.id): three different hints")
      #expect(exercise.minutes > 0, "exercise \(exercise.id)")
      #expect(exercise.link.hasPrefix("Levels/"), "exercise \(exercise.id)")
      #expect(exercise.file.hasPrefix("Exercises/"), "exercise \(exercise.id)")
    }
  }
}

/// The two folders stay twins: copying a solution over its stub is how an answer gets checked.
@Suite struct ExerciseFilesTests {
  /// The repository's top folder, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: Catalog.exercises(Solutions.Answers.self).map(\.file))
  func everyExerciseHasAStubAndASolution(file: String) throws {
    let stub = Self.root.appendingPathComponent(file).path
    let solution = Self.root.appendingPathComponent(
      "Solutions/" + file.dropFirst("Exercises/".count)
    ).path
    #expect(FileManager.default.fileExists(atPath: stub), "\(file)")
    #expect(FileManager.default.fileExists(atPath: solution), "\(file)")
    let text = try String(contentsOfFile: stub, encoding: .utf8)
    #expect(
      text.contains("throw NotSolvedYet()") || text.contains("isUnsolvedStub = true"),
      "\(file): a fresh clone's stub is unsolved")
  }
}

/// Wrong answers, kept here so every check proves it can fail.
@Suite struct WrongAnswersTests {
  /// Counts every call, retries included: the Level 1 bug.
  struct CountsEveryCall: RetrySafeCounter {
    var count = 0
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      count += 1
      return count
    }
    func value() throws -> Int { count }
  }

  /// Deduplicates by sequence number only, forgetting that two clients both have a `#1`.
  struct DedupsByNumberOnly: RetrySafeCounter {
    var seen: Set<Int> = []
    init() {}
    mutating func increment(_ request: RequestID) throws -> Int {
      seen.insert(request.number)
      return seen.count
    }
    func value() throws -> Int { seen.count }
  }

  /// Whether `check` fails with a `CheckFailure` whose reason is one line.
  static func fails(_ check: () throws -> Void) -> Bool {
    do {
      try check()
      return false
    } catch let failure as CheckFailure {
      return !failure.reason.isEmpty && !failure.reason.contains("\n")
    } catch {
      return false
    }
  }

  @Test func counterThatCountsRetriesFails() {
    #expect(Self.fails { try Checks.retrySafeCounter(CountsEveryCall.self) })
  }

  @Test func counterThatIgnoresTheClientFails() {
    #expect(Self.fails { try Checks.retrySafeCounter(DedupsByNumberOnly.self) })
  }

  @Test(.timeLimit(.minutes(1)))
  func level0BeliefThatEveryCallCountsOnceFails() {
    #expect(Self.fails { try Checks.partialFailures { _, _ in 1 } })
  }

  @Test func oneOverRateIsNotTheRerunBudget() {
    #expect(Self.fails { try Checks.runsNeeded { rate, _ in Int((1 / rate).rounded(.up)) } })
  }

  @Test func overCautiousRerunBudgetFails() {
    let exact: (Double, Double) throws -> Int = { rate, confidence in
      try Solutions.RerunBudget.runsNeeded(rate: rate, confidence: confidence)
    }
    #expect(Self.fails { try Checks.runsNeeded { try exact($0, $1) + 1 } })
  }

  @Test func storyReaderThatBlamesTheFirstRequestFails() {
    #expect(
      Self.fails { try Checks.doubleCounted { _ in RequestID(client: ClientID(0), number: 1) } })
  }

  @Test func storyReaderThatSeesNothingFails() {
    #expect(Self.fails { try Checks.doubleCounted { _ in nil } })
  }

  @Test func seedThatDoesNotFailCannotBePinned() {
    #expect(Self.fails { try Checks.pinnedSeed { 0 } })
  }
}
