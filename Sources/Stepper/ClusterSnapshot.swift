import CounterSpec
import Level3Pure

/// Everything a person needs to see of a cluster at one moment, as lines of text: each replica
/// (up or down, its state in its protocol's own words, its disk, its writes in flight, its
/// timers), each client (issued, acknowledged, waiting, timers), the messages in flight and the
/// cut links.
///
/// The stepper's screen and the HTML trace's state inspector both print it, so the two always
/// agree. Lines are at most `width` columns where the content allows (a long tally is never
/// broken inside). Only arrays and `RequestSet`s are read, so the text is the same in every
/// process.
public struct ClusterSnapshot: Equatable, Sendable {
  /// One line and what it is about.
  public struct Line: Equatable, Sendable {
    /// The text, without a newline.
    public var text: String
    /// The node the line describes, if any (a replica's lines name the replica).
    public var node: NodeID?
    /// Whether the line is a section heading.
    public var isHeading: Bool

    /// Creates a line.
    public init(_ text: String, node: NodeID? = nil, isHeading: Bool = false) {
      self.text = text
      self.node = node
      self.isHeading = isHeading
    }
  }

  /// The lines, in order: replicas, clients, messages in flight.
  public var lines: [Line]

  /// Describes `cluster`, wrapping at `width` columns.
  public init<R: CounterReplica>(_ cluster: Cluster<R>, width: Int = 100) {
    var lines: [Line] = [Line("replicas", isHeading: true)]
    for index in cluster.replicas.indices {
      let id = ReplicaID(index)
      let node = NodeID.replica(id)
      let name = "  \(id)  "
      if let replica = cluster.replicas[index] {
        lines.append(Line(name + "up    " + replica.description, node: node))
      } else {
        lines.append(Line(name + "DOWN  (a restart reads its disk)", node: node))
      }
      let disk = cluster.disks[index].map(\.description) ?? "nothing"
      let writes = cluster.writes[index].map(\.description)
      let timers = cluster.replicaTimers[index].map(\.description)
      let segments = [
        "disk: \(disk)",
        "writes in flight: " + (writes.isEmpty ? "none" : writes.joined(separator: ", ")),
        "timers: " + (timers.isEmpty ? "none" : timers.joined(separator: ", ")),
      ]
      for text in Self.wrap(segments, first: 12, indent: 12, width: width) {
        lines.append(Line(text, node: node))
      }
    }
    lines.append(Line("clients", isHeading: true))
    for (index, client) in cluster.clients.enumerated() {
      let id = ClientID(index)
      let mine = { (set: RequestSet) in RequestSet(set.filter { $0.client == id }) }
      let issued = mine(cluster.checker.issued)
      let acknowledged = mine(cluster.checker.acknowledged)
      let status =
        client.isFinished
        ? "done"
        : client.number == 0
          ? "not started" : "waiting for \(client.request) (attempt \(client.attempt))"
      let timers = cluster.clientTimers[index].map(\.description)
      let segments = [
        "\(id)  \(status)", "issued \(issued)", "acknowledged \(acknowledged)",
        "timers: " + (timers.isEmpty ? "none" : timers.joined(separator: ", ")),
      ]
      for text in Self.wrap(segments, first: 2, indent: 6, width: width) {
        lines.append(Line(text, node: .client(id)))
      }
    }
    lines.append(Line("messages in flight: \(cluster.inFlight.count)", isHeading: true))
    for packet in cluster.inFlight {
      lines.append(Line("  \(packet)\(Self.why(packet, cluster))"))
    }
    let cuts = cluster.config.replicas
    var links: [String] = []
    for from in 0..<cuts {
      for to in 0..<cuts where from != to && cluster.isCut(ReplicaID(from), ReplicaID(to)) {
        links.append("r\(from) -> r\(to)")
      }
    }
    if !links.isEmpty { lines.append(Line("cut links: " + links.joined(separator: ", "))) }
    self.lines = lines
  }

  /// The text, one line each, with a final newline.
  public var text: String { lines.map { $0.text + "\n" }.joined() }

  /// The nodes a violation names: its replica, and every replica and client its detail names.
  public static func named(by violation: Violation) -> [NodeID] {
    var nodes: [NodeID] = []
    if let replica = violation.replica { nodes.append(.replica(replica)) }
    if let request = violation.request { nodes.append(.client(request.client)) }
    let words = violation.detail.split { !($0.isLetter || $0.isNumber || $0 == "#") }
    for word in words where word.first == "r" {
      if let index = Int(word.dropFirst()) { nodes.append(.replica(ReplicaID(index))) }
    }
    var unique: [NodeID] = []
    for node in nodes where !unique.contains(node) { unique.append(node) }
    return unique
  }

  /// Why `packet` cannot be delivered now, as a suffix: `  (link cut)`, or
  /// `  (waits: r0 not ready)` for a request its replica is not ready for; empty when it can.
  private static func why<R>(_ packet: Packet, _ cluster: Cluster<R>) -> String {
    switch packet {
    case .sync(_, let from, let to): cluster.isCut(from, to) ? "  (link cut)" : ""
    case .request(_, let to): cluster.waits(packet) ? "  (waits: \(to) not ready)" : ""
    case .ack: ""
    }
  }

  /// Joins `segments` with ` · `, starting a new line (indented by `indent`) before a segment
  /// that would pass `width`; the first line is indented by `first`.
  static func wrap(_ segments: [String], first: Int, indent: Int, width: Int) -> [String] {
    let pad = String(repeating: " ", count: indent)
    var lines: [String] = []
    var current = ""
    for segment in segments {
      if current.isEmpty {
        current = String(repeating: " ", count: lines.isEmpty ? first : indent) + segment
      } else if current.count + 3 + segment.count <= width {
        current += " · " + segment
      } else {
        lines.append(current)
        current = pad + segment
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
