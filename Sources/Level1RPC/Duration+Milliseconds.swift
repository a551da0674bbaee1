import CounterSpec

extension Duration {
  /// The duration in whole microseconds, rounded down (negative durations give negative values).
  var wholeMicroseconds: Int { Int(microseconds) }

  /// The duration in whole milliseconds, rounded up, so waiting this long never ends too early.
  var wholeMillisecondsRoundedUp: Int {
    let micros = wholeMicroseconds
    return micros <= 0 ? 0 : (micros + 999) / 1000
  }

  /// The duration as text in milliseconds, for example `150 ms`.
  var millisecondsText: String { "\(wholeMicroseconds / 1000) ms" }
}
