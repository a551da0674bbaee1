import CounterSpec

/// One protocol the tools can run by name: `--protocol NAME` on the command line.
public struct ProtocolEntry: Sendable {
  /// The name (`CounterReplica.protocolName`).
  public let name: String
  /// One line: what it does, or what its bug is.
  public let summary: String
  /// Whether it is meant to keep every property (only `fixed` is).
  public let isCorrect: Bool
  /// The replica type.
  public let type: any CounterReplica.Type

  /// Creates an entry for `type`.
  public init(_ type: any CounterReplica.Type, summary: String, isCorrect: Bool = false) {
    name = type.protocolName
    self.summary = summary
    self.isCorrect = isCorrect
    self.type = type
  }
}

/// Every protocol of the course, by name: the fix, the flaw, and the mutants (each one small
/// plausible bug, each caught by one of the properties).
public enum ProtocolCatalogue {
  /// In the order `--help` lists them.
  public static let all: [ProtocolEntry] = [
    ProtocolEntry(
      FixedReplica.self, summary: "distinct requests, ack once the write is on disk",
      isCorrect: true),
    ProtocolEntry(
      FlawedReplica.self, summary: "Level 2's G-Counter: a retry elsewhere counts twice"),
    ProtocolEntry(
      DeltaGossipReplica.self, summary: "liveness example: delta gossip, lost deltas never resent"),
    ProtocolEntry(AckBeforeWrite.self, summary: "fixed, but acks before the write completes"),
    ProtocolEntry(GossipOnce.self, summary: "fixed, but never re-arms its gossip timer"),
    ProtocolEntry(
      NoGossipAfterRestart.self, summary: "fixed, but forgets its gossip timer after a restart"),
    ProtocolEntry(MergeReplaces.self, summary: "fixed, but a sync replaces instead of merging"),
    ProtocolEntry(RestartForgets.self, summary: "fixed, but a restart ignores the disk"),
  ]

  /// The protocols with a bug: every entry but `fixed`.
  public static var mutants: [ProtocolEntry] { all.filter { !$0.isCorrect } }

  /// The entry called `name`, if any.
  public static func named(_ name: String) -> ProtocolEntry? {
    all.first { $0.name == name }
  }

  /// `fixed, flawed, ack-before-write, ...`.
  public static var names: String { all.map(\.name).joined(separator: ", ") }
}
