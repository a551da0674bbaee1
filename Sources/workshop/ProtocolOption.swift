import Level3Pure

/// `--protocol NAME` (or its short form `--fixed`): which replica a command runs.
enum ProtocolOption {
  /// The lines `--help` shows: every protocol by name, with what it does or what its bug is.
  static var help: String {
    let width = ProtocolCatalogue.all.map(\.name.count).max() ?? 0
    let lines = ProtocolCatalogue.all.map { entry in
      "        " + entry.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
        + entry.summary
    }
    return """
        --protocol NAME  the replica to run (default flawed); --fixed is --protocol fixed:
      \(lines.joined(separator: "\n"))
      """
  }

  /// Reads `--protocol NAME` or `--fixed`; `flawed` when neither is given.
  static func parse(_ arguments: inout Arguments) throws -> ProtocolEntry {
    let fixed = arguments.flag("--fixed")
    guard let name = try arguments.option("--protocol") else {
      return ProtocolCatalogue.named(fixed ? "fixed" : "flawed")!
    }
    guard let entry = ProtocolCatalogue.named(name) else {
      throw UsageError("unknown protocol '\(name)' (one of: \(ProtocolCatalogue.names))")
    }
    if fixed, entry.name != "fixed" {
      throw UsageError("--fixed and --protocol \(name) disagree")
    }
    return entry
  }

  /// The options that select `entry` again: `""`, ` --fixed` or ` --protocol NAME`.
  static func flags(_ entry: ProtocolEntry) -> String {
    switch entry.name {
    case "flawed": ""
    case "fixed": " --fixed"
    default: " --protocol \(entry.name)"
    }
  }
}
