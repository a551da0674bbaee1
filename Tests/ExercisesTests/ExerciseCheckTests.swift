import ExerciseKit
import Foundation
import Solutions
import Testing

/// The protocol between `workshop verify` and the `exercise-check` of your package: what the
/// checker prints is what `verify` reads back.
@Suite struct ExerciseCheckTests {
  @Test func listDescribesTheWholeCatalog() throws {
    let answer = ExerciseCheck.respond(to: ["--list"], sheet: Solutions.Answers.self)
    #expect(answer.status == 0)
    #expect(answer.error == "")
    let entries = try ExerciseCheck.entries(from: answer.output)
    let catalog = Catalog.exercises(Solutions.Answers.self)
    #expect(entries == catalog.map(ExerciseCheck.Entry.init))
    #expect(entries.map(\.id) == catalog.map(\.id))
  }

  @Test func checkReportsTheStateOfOneExercise() throws {
    let answer = ExerciseCheck.respond(to: ["--check", "2.1"], sheet: Solutions.Answers.self)
    #expect(answer.status == 0)
    #expect(try ExerciseCheck.state(from: answer.output) == .solved)
  }

  @Test(
    arguments: [
      Exercise.State.notStarted, .solved, .failing("seed 1: you found none"),
      .passed("40 Level 2 runs, none broke"),
    ])
  func everyStateSurvivesTheRoundTrip(state: Exercise.State) throws {
    let encoded = try String(decoding: JSONEncoder().encode(state), as: UTF8.self)
    #expect(try ExerciseCheck.state(from: encoded) == state)
  }

  @Test(arguments: [[], ["--check"], ["--check", "9.9"], ["--list", "extra"], ["--hint"]])
  func badArgumentsExitWithStatusTwo(arguments: [String]) {
    let answer = ExerciseCheck.respond(to: arguments, sheet: Solutions.Answers.self)
    #expect(answer.status == 2, "\(arguments)")
    #expect(answer.output == "", "\(arguments)")
    #expect(!answer.error.isEmpty && !answer.error.contains("\n"), "\(arguments)")
  }
}

/// Compiler errors read from a build log: each once, shown relative to the repository.
@Suite struct CompilerDiagnosticTests {
  static let log = """
    [3/5] Emitting module Exercises
    error: emit-module command failed with exit code 1 (use -v to see invocation)
    /work/course/Exercises/Level2/RerunBudget.swift:17:1: error: expressions are not allowed at the top level
    15 | }
    16 | 
    17 | oops
       | `- error: expressions are not allowed at the top level
    /work/course/Exercises/Level2/RerunBudget.swift:14:9: warning: will never be executed
    [4/5] Compiling Exercises RerunBudget.swift
    /work/course/Exercises/Level2/RerunBudget.swift:17:1: error: expressions are not allowed at the top level
    /work/course/Exercises/Level3/My:Replica.swift:3:10: error: cannot find 'x' in scope
    """

  @Test func errorsAreReadOnceEachInOrder() {
    #expect(
      CompilerDiagnostic.errors(in: Self.log) == [
        CompilerDiagnostic(
          path: "/work/course/Exercises/Level2/RerunBudget.swift", line: 17, column: 1,
          message: "expressions are not allowed at the top level"),
        CompilerDiagnostic(
          path: "/work/course/Exercises/Level3/My:Replica.swift", line: 3, column: 10,
          message: "cannot find 'x' in scope"),
      ])
  }

  @Test func noErrorsInACleanLog() {
    #expect(CompilerDiagnostic.errors(in: "Building for debugging...\nBuild complete!\n") == [])
  }

  @Test func renderedRelativeToTheRepositoryWithACaret() {
    let diagnostic = CompilerDiagnostic(
      path: "/work/course/Exercises/Level3/MyReplica.swift", line: 12, column: 5,
      message: "cannot find 'x' in scope")
    #expect(
      diagnostic.rendered(root: "/work/course/", source: "    x += 1") == [
        "Exercises/Level3/MyReplica.swift:12:5: error: cannot find 'x' in scope",
        "  12 |     x += 1",
        "     |     ^",
      ])
    #expect(
      diagnostic.rendered(root: "/elsewhere/", source: nil) == [
        "/work/course/Exercises/Level3/MyReplica.swift:12:5: error: cannot find 'x' in scope"
      ])
  }
}
