/// Exercise 2.1, solved: the cost of confirming a fix by rerunning.
public enum RerunBudget {
  /// The smallest `n` with `1 - (1 - rate)^n >= confidence`: after `n` clean runs, a bug that
  /// showed in a fraction `rate` of runs would have shown at least once with that confidence.
  public static func runsNeeded(rate: Double, confidence: Double) throws -> Int {
    guard rate < 1 else { return 1 }
    var runs = 0
    var missedEveryTime = 1.0
    while 1 - missedEveryTime < confidence {
      runs += 1
      missedEveryTime *= 1 - rate
    }
    return runs
  }
}
