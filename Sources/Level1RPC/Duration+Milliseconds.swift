extension Duration {
  /// The duration in whole microseconds, rounded down (negative durations give negative values).
  var wholeMicroseconds: Int {
    let (seconds, attoseconds) = components
    return Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
  }

  /// The duration in whole milliseconds, rounded up, so waiting this long never ends too early.
  var wholeMillisecondsRoundedUp: Int {
    let micros = wholeMicroseconds
    return micros <= 0 ? 0 : (micros + 999) / 1000
  }

  /// The duration as text in milliseconds, for example `150 ms`.
  var millisecondsText: String { "\(wholeMicroseconds / 1000) ms" }
}

extension Duration {
  /// The duration in seconds, as `Thread.sleep` and `Date` want it.
  var seconds: Double { Double(wholeMicroseconds) / 1_000_000 }
}
