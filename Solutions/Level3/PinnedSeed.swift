/// Exercise 3.2, solved.
public enum PinnedSeed {
  /// Found with `swift run workshop level3 sweep`: the first failing seed of the default scenario.
  public static func seed() throws -> UInt64 { 1 }
}
