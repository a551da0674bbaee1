/// Why a Level 1 demo could not produce its result (as opposed to a result showing a failure).
public enum DemoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The relay's scripted fault did not play out within the time limit.
  case faultDidNotSettle(Fault)

  /// One line for a terminal.
  public var description: String {
    switch self {
    case .faultDidNotSettle(let fault): "the scripted fault '\(fault)' did not play out in time"
    }
  }
}
