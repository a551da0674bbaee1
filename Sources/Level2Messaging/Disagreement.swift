import CounterSpec

/// How the replicas still differ after a run has waited for them to agree: the substance of a
/// convergence violation at Level 2.
///
/// A real-time run cannot prove that replicas will *never* agree; it can only wait a bounded time
/// (`Scenario.settleMs`, with faults off) and then say who disagrees, on what, and which requests
/// a replica never learned. That is all a Level 2 program can know about a liveness failure.
public struct Disagreement: Equatable, Sendable {
  /// Each replica's state when the run stopped waiting, in replica order.
  public let states: [ReplicaState]
  /// How long the run waited, faults off, for the replicas to agree, for example `after 300 ms
  /// of settling`.
  public let waited: String

  /// Describes `states`, seen when the run stopped waiting (`waited` says how long it waited).
  public init(_ states: [ReplicaState], waited: String) {
    self.states = states
    self.waited = waited
  }

  /// Whether the replicas report different values.
  public var valuesDiffer: Bool { states.contains { $0.value != states.first?.value } }

  /// Whether this breaks convergence: the replicas report different values, or one of them never
  /// learned a request another knows (their values may agree by coincidence, but not for long:
  /// each lacks something the others counted). Slots alone that differ, with the same values and
  /// the same requests known, do not.
  public var breaksConvergence: Bool {
    valuesDiffer || states.indices.contains { !missing(by: ReplicaID($0)).isEmpty }
  }

  /// The replica to blame: the first whose value is below the highest (a client would read too
  /// little from it), or else the first that never learned a request another knows.
  public var replica: ReplicaID? {
    let highest = states.map(\.value).max() ?? 0
    let behind =
      states.firstIndex { $0.value < highest }
      ?? states.indices.first { !missing(by: ReplicaID($0)).isEmpty }
    return behind.map(ReplicaID.init)
  }

  /// The first request that `replica` never learned and another replica did.
  public var request: RequestID? { replica.flatMap { missing(by: $0).first } }

  /// Requests some replica knows and `replica` does not, in order.
  public func missing(by replica: ReplicaID) -> [RequestID] {
    guard states.indices.contains(replica.index) else { return [] }
    var everything = RequestSet()
    for state in states { everything.formUnion(state.known) }
    return everything.filter { !states[replica.index].known.contains($0) }
  }

  /// One line, for example `r0 and r2 have 6, r1 has 4 after 300 ms of settling; r1 never
  /// learned
  /// {c0#2,c0#3}`.
  public var detail: String {
    // Replicas grouped by value, in order of first appearance.
    var groups: [(value: Int, replicas: [ReplicaID])] = []
    for (index, state) in states.enumerated() {
      if let at = groups.firstIndex(where: { $0.value == state.value }) {
        groups[at].replicas.append(ReplicaID(index))
      } else {
        groups.append((state.value, [ReplicaID(index)]))
      }
    }
    let values = groups.map { group in
      let names = group.replicas.map(\.description)
      let who =
        names.count == 1
        ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
      return "\(who) \(names.count == 1 ? "has" : "have") \(group.value)"
    }
    return values.joined(separator: ", ") + " \(waited); " + lacking
  }

  /// What each replica behind the others lacks, for example `r1 never learned {c0#2,c0#3}`:
  /// the requests it never learned, or, when it knows them all, the slot it is behind on.
  public var lacking: String {
    var parts: [String] = []
    // What each replica behind the others lacks: requests if it lacks any, else a slot.
    var top = states.first?.slots ?? []
    for state in states {
      for index in top.indices where index < state.slots.count {
        top[index] = max(top[index], state.slots[index])
      }
    }
    for (index, state) in states.enumerated() {
      let replica = ReplicaID(index)
      let lacking = missing(by: replica)
      if !lacking.isEmpty {
        parts.append("\(replica) never learned \(RequestSet(lacking))")
      } else if let slot = top.indices.first(where: { state.slots[$0] != top[$0] }),
        !state.countsDistinctRequests
      {
        parts.append(
          "\(replica) never learned r\(slot)'s count (\(state.slots[slot]), not \(top[slot]))")
      }
    }
    return parts.joined(separator: "; ")
  }
}
