// swift-tools-version: 6.0
// Which Level: one replicated counter, four programming models. Toolchain only, no dependencies.
import PackageDescription

let package = Package(
  name: "WhichLevel",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "workshop", targets: ["workshop"])
  ],
  targets: [
    // Shared by every level: IDs, the counter's specification and checker, the seeded generator,
    // traces and scenarios.
    .target(name: "CounterSpec"),
    .testTarget(name: "CounterSpecTests", dependencies: ["CounterSpec"]),

    // Level 3: the replica as a pure step function, and a deterministic simulator.
    .target(name: "Level3Pure", dependencies: ["CounterSpec"]),
    .testTarget(name: "Level3PureTests", dependencies: ["Level3Pure"]),

    // The command-line tour and tools.
    .executableTarget(name: "workshop", dependencies: ["CounterSpec", "Level3Pure"]),
  ]
)
