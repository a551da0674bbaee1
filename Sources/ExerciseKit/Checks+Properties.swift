import CounterSpec
import Level3Pure

extension Checks {
  // MARK: - 3.3 A property of your own (and 3.7, its stretch)

  /// How many seeds of `propertyScenario` a property meets per protocol.
  public static let propertySeeds: UInt64 = 100

  /// The runs a property of yours is checked on: the default scenario with every fault on.
  public static let propertyScenario = Scenario.default.withAllFaults()

  /// Exercises 3.3 and 3.7: your property must break on at least one run of each protocol in
  /// `mustCatch` and on none of the fixed replica's runs. Each run is a simulator run (seeds
  /// 0..<`propertySeeds`, every fault on) replayed with your property checked after every
  /// choice.
  /// - Returns: what ran and which mutants of the catalogue it caught, for `verify` to show.
  public static func ownProperty(_ answer: () throws -> any CounterProperty, mustCatch: [String])
    throws -> String
  {
    let property = try answer()
    let name = property.name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty else { throw CheckFailure("give your property a name, in a few words") }
    if let (seed, broken) = firstBreakOfSome(property, FixedReplica.self, seeds: propertySeeds) {
      throw CheckFailure(
        "'\(name)' flags the fixed replica, seed \(seed) \(broken); a property the fix breaks "
          + "is not a property of the counter")
    }
    var caught: [String] = []
    for entry in ProtocolCatalogue.mutants {
      if firstBreak(of: property, entry.type, seeds: propertySeeds) != nil {
        caught.append(entry.name)
      }
    }
    let missed = mustCatch.filter { !caught.contains($0) }
    guard missed.isEmpty else {
      let nothing =
        caught.isEmpty ? "catches nothing" : "catches only \(caught.joined(separator: ", "))"
      throw CheckFailure(
        "'\(name)' \(nothing): it never broke on \(missed.joined(separator: ", ")) in "
          + "\(propertySeeds) seeds (swift run workshop level3 sweep --protocol "
          + "\(missed[0]) shows how that mutant goes wrong)")
    }
    return "'\(name)': \(propertySeeds) seeds of fixed clean; caught "
      + caught.joined(separator: ", ")
  }

  /// The first seed below `seeds` whose simulator run of `R`, replayed, breaks `property`.
  static func firstBreakOfSome<R: CounterReplica>(
    _ property: some CounterProperty, _: R.Type, seeds: UInt64
  ) -> (UInt64, PropertyBreak)? {
    var simulator = Simulator<R>(scenario: propertyScenario, recordsTrace: true)
    for seed in 0..<seeds {
      let schedule = simulator.run(seed: seed).schedule
      if let broken = schedule.firstBreak(of: property, R.self) { return (seed, broken) }
    }
    return nil
  }

  static func firstBreak(
    of property: any CounterProperty, _ type: any CounterReplica.Type, seeds: UInt64
  ) -> (UInt64, PropertyBreak)? {
    func open<R: CounterReplica>(_ type: R.Type) -> (UInt64, PropertyBreak)? {
      firstBreakOfSome(property, type, seeds: seeds)
    }
    return open(type)
  }
}
