/// Why a Level 1 demo could not produce its result (as opposed to a result showing a failure).
public enum DemoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The relay's scripted fault did not play out within the time limit.
  case faultDidNotSettle(Fault)
  /// A case was asked to run without a fault.
  case noFault
  /// The client code of a case made no call on the client it was given.
  case noCall

  /// One line for a terminal.
  public var description: String {
    switch self {
    case .faultDidNotSettle(let fault): "the scripted fault '\(fault)' did not play out in time"
    case .noFault: "a case needs at least one fault"
    case .noCall: "the client code made no call"
    }
  }
}
