/// A fast, seeded random number generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed gives the same sequence on every machine and in every process, which is what
/// makes a Level 3 run reproducible. Level 2 uses it too, and still cannot reproduce a run: there
/// the *order* in which threads draw numbers changes from run to run.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
  @usableFromInline var s0, s1, s2, s3: UInt64

  /// Creates a generator whose whole sequence is fixed by `seed`.
  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// Returns the next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// Returns a uniform integer in `range`.
  ///
  /// Implemented here (Lemire's method) rather than with `Int.random(in:using:)` so the mapping from
  /// bits to numbers can never change with the standard library.
  /// - Complexity: O(1) expected.
  @inlinable
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    let span = UInt64(range.upperBound - range.lowerBound) &+ 1
    if span == 0 { return Int(truncatingIfNeeded: next()) }  // the full 64-bit range
    var product = next().multipliedFullWidth(by: span)
    if product.low < span {
      let threshold = (0 &- span) % span
      while product.low < threshold { product = next().multipliedFullWidth(by: span) }
    }
    return range.lowerBound + Int(product.high)
  }

  /// Returns `true` with probability `probability`.
  ///
  /// It always draws exactly one number, whatever the probability, so changing one fault rate
  /// does not shift every later draw of a run.
  @inlinable
  public mutating func chance(_ probability: Double) -> Bool {
    let unit = Double(next() >> 11) * 0x1p-53
    return unit < probability
  }

  @inlinable
  func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
