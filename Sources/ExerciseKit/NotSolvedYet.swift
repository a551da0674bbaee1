/// What an untouched exercise stub throws.
///
/// The checks treat it as "not started", never as a failure, so `swift test` stays green on a
/// fresh clone. Delete the `throw NotSolvedYet()` line when you start an exercise.
public struct NotSolvedYet: Error, Equatable, Sendable {
  /// Creates the marker.
  public init() {}
}

/// A check that ran and found the answer wrong, with a one-line reason.
public struct CheckFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was wrong, for example `increment(c0#1) twice gave value 2, expected 1`.
  public let reason: String

  /// Creates a failure with `reason`.
  public init(_ reason: String) { self.reason = reason }

  public var description: String { reason }
}
