// swift-tools-version: 6.2
// Which Level: one replicated counter, four programming models. Toolchain only, no dependencies.
import PackageDescription

let package = Package(
  name: "WhichLevel",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "workshop", targets: ["workshop"]),
    // What the learner's package (Exercises/Package.swift) builds against.
    .library(name: "CounterSpec", targets: ["CounterSpec"]),
    .library(name: "Level1RPC", targets: ["Level1RPC"]),
    .library(name: "Level2Messaging", targets: ["Level2Messaging"]),
    .library(name: "Level3Pure", targets: ["Level3Pure"]),
    .library(name: "Level4Exhaustive", targets: ["Level4Exhaustive"]),
    .library(name: "ExerciseKit", targets: ["ExerciseKit"]),
  ],
  targets: [
    // Shared by every level: IDs, the counter's specification and checker, the seeded generator,
    // traces and scenarios.
    .target(name: "CounterSpec"),
    .testTarget(name: "CounterSpecTests", dependencies: ["CounterSpec"]),

    // Level 1: naive RPC over real TCP, a fault-injecting relay, and the 0/1/2 demonstration.
    .target(name: "Level1RPC", dependencies: ["CounterSpec"]),
    .testTarget(name: "Level1RPCTests", dependencies: ["Level1RPC", "CounterSpec"]),

    // Level 2: replicas as threads with mailboxes, an in-process network with real delays, drops,
    // duplicates and reordering; logic and I/O interleaved, as Level 2 code is.
    .target(name: "Level2Messaging", dependencies: ["CounterSpec"]),
    .testTarget(name: "Level2MessagingTests", dependencies: ["Level2Messaging", "CounterSpec"]),

    // Level 3: the replica as a pure step function, and a deterministic simulator.
    .target(name: "Level3Pure", dependencies: ["CounterSpec"]),
    .testTarget(name: "Level3PureTests", dependencies: ["Level3Pure"]),

    // Level 4: exhaustive exploration of the same pure step, shortest counterexamples, shrinking.
    .target(name: "Level4Exhaustive", dependencies: ["CounterSpec", "Level3Pure"]),
    .testTarget(
      name: "Level4ExhaustiveTests",
      dependencies: ["Level4Exhaustive", "Level3Pure", "CounterSpec"]),

    // Level 3, live: the same pure replicas and clients on real threads, over Level 2's network.
    .target(name: "Level3Runtime", dependencies: ["CounterSpec", "Level2Messaging", "Level3Pure"]),
    .testTarget(
      name: "Level3RuntimeTests",
      dependencies: [
        "Level3Runtime", "Level3Pure", "Level2Messaging", "CounterSpec", "Level4Exhaustive",
      ]),

    // The central demonstration, asserted: the same seed at Level 2 and at Level 3.
    .testTarget(
      name: "ContrastTests", dependencies: ["CounterSpec", "Level2Messaging", "Level3Pure"]),

    // Exercises: the checks, their catalog and the checker's protocol; our answers (same API as
    // yours). Your answers are a separate package, Exercises/Package.swift, built only by
    // `workshop verify`: a half-written exercise never stops a demo or a test of this package.
    .target(
      name: "ExerciseKit",
      dependencies: [
        "CounterSpec", "Level1RPC", "Level2Messaging", "Level3Pure", "Level4Exhaustive",
      ]),
    .target(
      name: "Solutions",
      dependencies: ["ExerciseKit", "CounterSpec", "Level1RPC", "Level2Messaging", "Level3Pure"],
      path: "Solutions", exclude: ["README.md", "Tests"]),
    .testTarget(
      name: "ExercisesTests",
      dependencies: [
        "ExerciseKit", "Solutions", "CounterSpec", "Level1RPC", "Level2Messaging", "Level3Pure",
        "Level4Exhaustive",
      ]),

    // Views of a trace: terminal lanes, Mermaid, a self-contained HTML page, comparison.
    .target(name: "TraceViews", dependencies: ["CounterSpec"]),
    .testTarget(
      name: "TraceViewsTests", dependencies: ["TraceViews", "CounterSpec", "Level3Pure"],
      resources: [.copy("Golden")]),

    // The course text checks itself: every output it shows, run again (workshop docs --check).
    .testTarget(name: "DocsTests"),

    // Driving a cluster by hand: the stepper's screens and command loop, the HTML state inspector.
    .target(name: "Stepper", dependencies: ["CounterSpec", "Level3Pure", "TraceViews"]),
    .testTarget(
      name: "StepperTests", dependencies: ["Stepper", "Level3Pure", "CounterSpec", "TraceViews"],
      resources: [.copy("Golden")]),

    // The command-line tour and tools.
    .executableTarget(
      name: "workshop",
      dependencies: [
        "CounterSpec", "Level1RPC", "Level2Messaging", "Level3Pure", "Level3Runtime",
        "Level4Exhaustive", "ExerciseKit", "TraceViews", "Stepper",
      ]),
  ]
)
