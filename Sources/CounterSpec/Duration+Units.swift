extension Duration {
  /// The duration in whole microseconds, rounded toward zero: the unit of virtual time.
  @inlinable
  public var microseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
  }

  /// The duration in seconds, as a `Double` (for printing and for APIs that want seconds).
  public var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
