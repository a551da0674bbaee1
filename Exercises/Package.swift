// swift-tools-version: 6.2
// Your answers, as a package of their own: a half-written exercise stops nothing but
// `swift run workshop verify`, which builds this package and runs its `exercise-check`.
// You never need to edit this file; open this folder in your editor to get completion.
import PackageDescription

let package = Package(
  name: "Exercises",
  platforms: [.macOS(.v15)],
  dependencies: [
    // The course itself, one folder up. Named, because its folder may be called anything.
    .package(name: "WhichLevel", path: "..")
  ],
  targets: [
    // Your files: Answers.swift and Level1...Level4.
    .target(
      name: "Exercises",
      dependencies: [
        .product(name: "CounterSpec", package: "WhichLevel"),
        .product(name: "ExerciseKit", package: "WhichLevel"),
        .product(name: "Level1RPC", package: "WhichLevel"),
        .product(name: "Level2Messaging", package: "WhichLevel"),
        .product(name: "Level3Pure", package: "WhichLevel"),
        .product(name: "Level4Exhaustive", package: "WhichLevel"),
      ],
      path: ".", exclude: ["README.md", "ExerciseCheck", "Tests"]),
    // The checker `workshop verify` runs against your answers.
    .executableTarget(
      name: "exercise-check",
      dependencies: ["Exercises", .product(name: "ExerciseKit", package: "WhichLevel")],
      path: "ExerciseCheck"),
    // Your own tests (Exercises 2.3, 3.4-3.6): swift test --package-path Exercises. verify does not run
    // them; they are for you.
    .testTarget(
      name: "MyTests",
      dependencies: [
        "Exercises",
        .product(name: "CounterSpec", package: "WhichLevel"),
        .product(name: "Level2Messaging", package: "WhichLevel"),
        .product(name: "Level3Pure", package: "WhichLevel"),
        .product(name: "Level4Exhaustive", package: "WhichLevel"),
        .product(name: "ExerciseKit", package: "WhichLevel"),
      ],
      path: "Tests"),
  ]
)
