/// Exercise 3.2, solved.
public enum PinnedSeed {
  /// Found with a loop over `Simulator<FlawedReplica>.run(Scenario.default.withAllFaults()
  /// .seeded(seed))`: the first seed whose verdict is a lost acknowledged increment.
  public static func seed() throws -> UInt64 { 652 }
}
