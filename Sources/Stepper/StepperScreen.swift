import CounterSpec
import Level3Pure

/// One screen of the stepper: where we are, what the last choice did, every node's state, the
/// messages in flight, and the numbered choices enabled now.
///
/// Plain text that reads in 100 columns; with `colour`, ANSI colour marks headings, replicas
/// that are down and broken properties (only when standard output is a terminal: a file or a
/// pipe gets the same bytes without escapes).
public struct StepperScreen: Sendable {
  /// Whether to use ANSI colour.
  public var colour: Bool
  /// The width to wrap at.
  public var width: Int

  /// Creates a screen renderer.
  public init(colour: Bool = false, width: Int = 100) {
    self.colour = colour
    self.width = width
  }

  /// The whole screen, ending with a newline.
  public func render<R: CounterReplica>(_ stepper: Stepper<R>) -> String {
    let cluster = stepper.cluster
    let scenario = stepper.scenario
    var out: [String] = []
    let title =
      "--- step \(stepper.applied.count) · \(R.protocolName) · "
      + "\(pluralized(scenario.replicas, "replica")), \(pluralized(scenario.clients, "client"))"
      + " x \(pluralized(scenario.incrementsPerClient, "increment")), "
      + "\(pluralized(scenario.maxAttempts, "attempt")) "
    out.append(bold(title + String(repeating: "-", count: max(0, width - title.count))))
    if let last = stepper.path.last, let choice = last.choice {
      out.append("last: \(choice)")
      for kind in cluster.events {
        if case .violation(let violation) = kind {
          out += fold("!! \(violation)", prefix: "  ", indent: 5).map(red)
        } else {
          out.append("  " + TraceEvent(kind).text)
        }
      }
    } else {
      out.append("a fresh cluster: every replica up, every client's first request sent")
    }
    for line in ClusterSnapshot(cluster, width: width).lines {
      if line.isHeading {
        out.append(bold(line.text))
      } else if case .replica(let id)? = line.node, !cluster.isUp(id),
        line.text.contains("DOWN")
      {
        out.append(red(line.text))
      } else {
        out.append(line.text)
      }
    }
    let choices = stepper.choices
    if let violation = cluster.violation {
      out += fold("!! \(violation)", indent: 3).map(red)
      out.append("   u: undo · k: keep going past it · s FILE: save · q: quit")
    } else {
      if let first = stepper.firstViolation {
        out += fold("!! (set aside) \(first)", indent: 3).map(red)
      }
      out.append(bold("choices: \(choices.count)"))
      let digits = String(choices.count).count
      for (index, choice) in choices.enumerated() {
        let number = String(index + 1)
        out.append(
          "  " + String(repeating: " ", count: digits - number.count) + cyan(number) + "  "
            + choice.description)
      }
      if choices.isEmpty { out.append("  none: nothing can happen any more") }
      out.append("   N: apply · u: undo · s FILE: save · h: help · q: quit")
    }
    return out.map { $0 + "\n" }.joined()
  }

  /// What `h` prints.
  public static let help = """
    commands (one per line):
      N         apply choice number N
      u         undo the last choice
      k         keep going past a broken property (the first one stays reported)
      c         check the end of the run now: do the replicas agree, is anything lost?
      s FILE    save the choices so far as a schedule (open it with --schedule FILE)
      p         print the screen again
      h or ?    this help
      q         quit (so does the end of the input)
      a choice written out, such as 'cut r0 -> r1' or 'heal', applies it too
    """

  /// `prefix` and `text` broken at spaces into lines of at most `width` columns, the later ones
  /// indented by `indent`.
  func fold(_ text: String, prefix: String = "", indent: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if current.isEmpty {
        current = (lines.isEmpty ? prefix : String(repeating: " ", count: indent)) + word
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(repeating: " ", count: indent) + word
      }
    }
    lines.append(current)
    return lines
  }

  private func paint(_ code: String, _ text: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
  private func bold(_ text: String) -> String { paint("1", text) }
  private func red(_ text: String) -> String { paint("1;31", text) }
  private func cyan(_ text: String) -> String { paint("36", text) }
}
