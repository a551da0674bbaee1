/// Exercise 3.2, solved.
public enum PinnedSeed {
  /// Found with `swift run workshop level3 sweep --all-faults --seeds 600..<1000`: the first seed
  /// on which the flawed protocol loses an acknowledged increment.
  public static func seed() throws -> UInt64 { 652 }
}
