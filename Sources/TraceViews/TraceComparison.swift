import CounterSpec

/// Two traces set against each other: where they first part ways, and whether they are the same.
///
/// The course's central claim is a comparison: the same seed twice at Level 2 gives two different
/// stories, at Level 3 the same story byte for byte. This type says so in one line and points at
/// the first event where two runs differ.
public struct TraceComparison: Equatable, Sendable {
  /// The first trace.
  public let first: Trace
  /// The second trace.
  public let second: Trace

  /// Compares `first` with `second`.
  public init(_ first: Trace, _ second: Trace) {
    self.first = first
    self.second = second
  }

  /// The index of the first event whose text differs, or where one trace ends before the other;
  /// `nil` when the texts are identical.
  /// - Complexity: O(*n*) in the number of events.
  public var firstDifference: Int? {
    let common = min(first.events.count, second.events.count)
    for index in 0..<common where first.events[index].text != second.events[index].text {
      return index
    }
    return first.events.count == second.events.count ? nil : common
  }

  /// Whether the two fingerprints are equal (they are exactly when the texts are, barring an
  /// FNV collision).
  public var fingerprintsMatch: Bool { first.fingerprint == second.fingerprint }

  /// The verdict in a few lines: the first difference (each side's line), then the fingerprints.
  ///
  /// ```
  /// first difference at event 3:
  ///   A: r0 <- c0  increment c0#1
  ///   B: r1 <- c1  increment c1#1
  /// fingerprints differ: A 1fb97dac0cfbd5a0, B e0607db2610bfbee
  /// ```
  public var verdict: String {
    var lines: [String] = []
    if let index = firstDifference {
      lines.append("first difference at event \(index + 1):")
      lines.append("  A: " + line(of: first, at: index))
      lines.append("  B: " + line(of: second, at: index))
    } else {
      lines.append("no difference: \(first.events.count) identical events")
    }
    if fingerprintsMatch {
      lines.append("fingerprints match: \(first.fingerprintHex)")
    } else {
      lines.append(
        "fingerprints differ: A \(first.fingerprintHex), B \(second.fingerprintHex)")
    }
    return lines.joined(separator: "\n")
  }

  private func line(of trace: Trace, at index: Int) -> String {
    index < trace.events.count ? trace.events[index].text : "(trace ended after \(index) events)"
  }
}
