import CounterSpec
import Testing

@testable import Level3Pure

/// Every property can fail: each mutant of the catalogue is caught by the simulator, and by the
/// property it was written to break. (That the fixed protocol is not: `SimulatorTests`.)
@Suite struct MutantTests {
  static let scenario = Scenario.default.withAllFaults()

  /// Which property catches which mutant first, with all faults on (seeds 0..<200; the last
  /// to fall, `ack-before-write`, needs a crash while a write is in flight: seed 24).
  static let expected: [(name: String, property: Property)] = [
    ("flawed", .noDoubleCounting),
    ("stuck", .convergence),
    ("ack-before-write", .noLostAcknowledgedIncrement),
    ("gossip-once", .convergence),
    ("no-gossip-after-restart", .convergence),
    ("merge-replaces", .noLostAcknowledgedIncrement),
    ("restart-forgets", .noLostAcknowledgedIncrement),
  ]

  @Test func theCatalogueHasTheFixAndAtLeastFiveMutants() {
    #expect(ProtocolCatalogue.all.first?.name == "fixed")
    #expect(ProtocolCatalogue.mutants.map(\.name) == Self.expected.map(\.name))
    #expect(Set(ProtocolCatalogue.all.map(\.name)).count == ProtocolCatalogue.all.count)
  }

  @Test(arguments: expected.map(\.name))
  func eachMutantIsCaughtByItsProperty(name: String) throws {
    let entry = try #require(ProtocolCatalogue.named(name))
    let property = try #require(Self.expected.first { $0.name == name }?.property)
    let found = Self.firstViolation(entry.type)
    let violation = try #require(found, "\(name) not caught in 200 seeds")
    #expect(violation.property == property, "\(name): \(violation)")
    #expect(violation.request != nil, "\(name): the verdict names a request: \(violation)")
  }

  static func firstViolation<R: CounterReplica>(_: R.Type) -> Violation? {
    Sweep.run(R.self, scenario, seeds: 0..<200).failure?.violation
  }
}
