/// The three properties every level's counter must keep. Written once, checked everywhere.
public enum Property: String, Sendable, CaseIterable {
  /// No replica's value, and no value a client reads, exceeds the number of distinct increments
  /// issued so far.
  case noDoubleCounting = "no double counting"
  /// Every increment acknowledged to a client is eventually counted by every replica.
  case noLostAcknowledgedIncrement = "no lost acknowledged increment"
  /// Once faults stop and messages drain, every replica reports the same value.
  case convergence = "convergence"
}

/// A broken property: which one, where, at which step, and why.
public struct Violation: Equatable, Sendable, CustomStringConvertible {
  /// The property that broke.
  public let property: Property
  /// The replica that broke it, when one can be named.
  public let replica: ReplicaID?
  /// The request being handled when it broke, when one can be named.
  public let request: RequestID?
  /// The number of observations the checker had seen when it broke (1-based).
  public let step: Int
  /// The numbers behind the verdict, for example `value 4 > 3 issued`.
  public var detail: String {
    switch numbers {
    case .text(let text):
      text
    case .overcount(let what, let value, let issued):
      "\(what) \(value) > \(issued) issued"
    case .appliedTwice(let request, let first, let second, let what, let value, let issued):
      "\(request) applied by \(first) and by \(second), \(what) \(value) > \(issued) issued"
    }
  }
  /// What `detail` is made of. The checker's own verdicts keep their numbers and build the text
  /// only when it is read: a sweep meets thousands of violations and reads few.
  fileprivate let numbers: Numbers

  /// The numbers behind a violation's `detail`.
  fileprivate enum Numbers: Sendable {
    /// Text made by the caller.
    case text(String)
    /// `value 4 > 3 issued`.
    case overcount(what: StaticString, value: Int, issued: Int)
    /// `c0#2 applied by r0 and by r1, value 4 > 3 issued`.
    case appliedTwice(
      RequestID, by: ReplicaID, and: ReplicaID, what: StaticString, value: Int, issued: Int)
  }

  /// Creates a violation record.
  public init(
    property: Property, replica: ReplicaID?, request: RequestID?, step: Int, detail: String
  ) {
    self.init(property, replica, request, step, .text(detail))
  }

  fileprivate init(
    _ property: Property, _ replica: ReplicaID?, _ request: RequestID?, _ step: Int,
    _ numbers: Numbers
  ) {
    self.property = property
    self.replica = replica
    self.request = request
    self.step = step
    self.numbers = numbers
  }

  /// Equal in property, replica, request, step and `detail` text.
  public static func == (a: Violation, b: Violation) -> Bool {
    a.property == b.property && a.replica == b.replica && a.request == b.request
      && a.step == b.step && a.detail == b.detail
  }

  /// One line, for example `no double counting broken on r1 at step 42 (c0#2): value 4 > 3 issued`.
  public var description: String {
    var text = "\(property.rawValue) broken"
    if let replica { text += " on \(replica)" }
    text += " at step \(step)"
    if let request { text += " (\(request))" }
    return text + ": " + detail
  }
  /// The same line without the checker's step, as the trace views show it (they number events,
  /// not observations), for example `no double counting broken on r1 (c0#2): value 4 > 3 issued`.
  public var descriptionWithoutStep: String {
    var text = "\(property.rawValue) broken"
    if let replica { text += " on \(replica)" }
    if let request { text += " (\(request))" }
    return text + ": " + detail
  }
}

/// Something that happened in a run that the specification cares about.
///
/// Every level turns its run into a sequence of observations, in the order they happened, and
/// hands them to the same `SpecChecker`.
public enum Observation: Equatable, Sendable {
  /// A client issued a new logical increment (retries are not issued again).
  case issued(RequestID)
  /// A client received the acknowledgement of an increment.
  case acknowledged(RequestID)
  /// A replica's value changed, while it handled `cause` if it was handling a request.
  case valueChanged(ReplicaID, to: Int, cause: RequestID?)
  /// A client read `value` from `replica`.
  case read(ReplicaID, value: Int)
}

/// Checks a run against the counter's specification, one observation at a time.
///
/// Feed it every observation in order with `record(_:)`, then call `finish(finalValues:)` once the
/// run has drained. It returns the first violation it sees; a run may break more than one property
/// but the first is the story worth telling.
public struct SpecChecker: Sendable {
  /// Number of replicas in the run.
  public let replicas: Int
  /// Observations recorded so far.
  public private(set) var step = 0
  /// Distinct increments issued so far.
  public private(set) var issued = RequestSet()
  /// `issued.count`, kept up to date: it is read at every value change.
  @usableFromInline private(set) var issuedCount = 0
  /// Distinct increments acknowledged so far.
  public private(set) var acknowledged = RequestSet()
  /// Latest known value of each replica.
  public private(set) var values: [Int]
  /// Every value change caused by handling a request, in order: who applied what.
  public private(set) var applications: [Application] = []

  /// A replica's value changed while it handled `request`: that replica applied it.
  public struct Application: Hashable, Sendable {
    /// The request handled.
    public let request: RequestID
    /// The replica that applied it.
    public let replica: ReplicaID
  }

  /// Creates a checker for a cluster of `replicas` replicas, all starting at zero.
  public init(replicas: Int) {
    self.replicas = replicas
    self.values = Array(repeating: 0, count: replicas)
  }

  /// Becomes a copy of `other` (a checker of as many replicas), keeping this one's buffers: a
  /// simulator that runs thousands of seeds resets its checker without allocating.
  public mutating func restore(_ other: SpecChecker) {
    precondition(other.replicas == replicas, "restore from a checker of \(replicas) replicas")
    step = other.step
    issued = other.issued
    issuedCount = other.issuedCount
    acknowledged = other.acknowledged
    // Element by element, and only what holds something: the explorer restores a checker at
    // every transition.
    for index in values.indices { values[index] = other.values[index] }
    if !applications.isEmpty || !other.applications.isEmpty {
      // One by one: for a few elements, `removeAll(keepingCapacity:)` takes a dearer general path.
      while !applications.isEmpty { applications.removeLast() }
      if !other.applications.isEmpty { applications.append(contentsOf: other.applications) }
    }
  }

  /// Becomes a checker that has seen `issued` issued and `acknowledged` acknowledged, with no
  /// history (no step counted, no application recorded): what the explorer's packed store keeps
  /// of a checker. Its verdicts depend on nothing else, and on the replicas' values, which the
  /// caller sets with `resume(value:of:)`.
  package mutating func resume(issued: RequestSet, acknowledged: RequestSet) {
    step = 0
    self.issued = issued
    issuedCount = issued.count
    self.acknowledged = acknowledged
    resume()
  }

  /// Forgets the history (steps counted, applications recorded) and keeps what was issued and
  /// acknowledged: `resume(issued:acknowledged:)` with the sets this checker holds.
  package mutating func resume() {
    step = 0
    while !applications.isEmpty { applications.removeLast() }  // keeps the buffer, cheaply
  }

  /// Sets the value last seen of replica `index`, after `resume(issued:acknowledged:)`.
  package mutating func resume(value: Int, of index: Int) { values[index] = value }

  /// Records `observation`; returns a violation if it breaks *no double counting*.
  @inlinable  // a simulator records at most steps: inlined, the usual `nil` costs no `Violation?`
  public mutating func record(_ observation: Observation) -> Violation? {
    count(observation)
    switch observation {
    case .issued, .acknowledged:
      return nil
    case .valueChanged(let replica, let value, let cause):
      guard value > issuedCount else { return nil }
      return overcount(value, on: replica, cause: cause, what: "value")
    case .read(let replica, let value):
      return overcount(value, on: replica, cause: nil, what: "read")
    }
  }

  /// The bookkeeping half of `record(_:)`: the step, who issued, acknowledged and applied what.
  @usableFromInline
  mutating func count(_ observation: Observation) {
    step += 1
    switch observation {
    case .issued(let request):
      if issued.insert(request) { issuedCount += 1 }
    case .acknowledged(let request):
      acknowledged.insert(request)
    case .valueChanged(let replica, let value, let cause):
      values[replica.index] = value
      if let cause { applications.append(Application(request: cause, replica: replica)) }
    case .read:
      break
    }
  }

  /// Checks the end state: no acknowledged increment lost, and all replicas agree.
  /// - Parameter finalValues: each replica's value after the run drained; `nil` uses the last
  ///   values recorded.
  public func finish(finalValues: [Int]? = nil) -> Violation? {
    let finals = finalValues ?? values
    let acked = acknowledged.count
    for (index, value) in finals.enumerated() where value < acked {
      // A value alone cannot say *which* acknowledged increment is missing, so none is named.
      return Violation(
        property: .noLostAcknowledgedIncrement, replica: ReplicaID(index), request: nil,
        step: step, detail: "value \(value) < \(acked) acknowledged")
    }
    for (index, value) in finals.enumerated() where value != finals[0] {
      return Violation(
        property: .convergence, replica: ReplicaID(index), request: nil, step: step,
        detail: "value \(value) but r0 has \(finals[0])")
    }
    return nil
  }

  /// Checks *no lost acknowledged increment* at one moment: every acknowledged request must be
  /// held somewhere it can come back from (a running replica's memory, a crashed replica's disk,
  /// or a message in flight).
  /// - Parameter held: every request held in those places.
  /// - Returns: a violation naming the first acknowledged request that nothing holds.
  public func lost(held: RequestSet) -> Violation? {
    guard !acknowledged.isSubset(of: held) else { return nil }
    let missing = acknowledged.first { !held.contains($0) }!
    return Violation(
      property: .noLostAcknowledgedIncrement, replica: nil, request: missing, step: step,
      detail: "\(missing) was acknowledged, and no replica's memory or disk and no message "
        + "holds it any more")
  }

  /// Checks the end state by what each replica knows: all replicas agree, and every acknowledged
  /// increment is known everywhere.
  /// - Parameters:
  ///   - values: each replica's value after the run settled.
  ///   - known: the requests each replica knows of then.
  /// - Returns: a violation naming the two replicas that disagree and every request each of them
  ///   never learned (`request` is the first), or the acknowledged request a replica never
  ///   learned.
  public func finish(values: [Int], known: [RequestSet]) -> Violation? {
    for index in values.indices.dropFirst()
    where values[index] != values[0] || known[index] != known[0] {
      // Every request each of the two never learned (`c0#2`, or `{c0#2,c1#3}` for several).
      var detail = "r0 has \(values[0]), r\(index) has \(values[index])"
      var first: RequestID?
      for (who, lacks) in [
        (ReplicaID(index), RequestSet(known[0].filter { !known[index].contains($0) })),
        (ReplicaID(0), RequestSet(known[index].filter { !known[0].contains($0) })),
      ] where !lacks.isEmpty {
        let named = lacks.count == 1 ? lacks.sorted[0].description : lacks.description
        detail += "; \(who) never learned \(named)"
        first = first ?? lacks.sorted.first
      }
      return Violation(
        property: .convergence, replica: ReplicaID(index), request: first, step: step,
        detail: detail)
    }
    for (index, holds) in known.enumerated() where !acknowledged.isSubset(of: holds) {
      if let missing = acknowledged.first(where: { !holds.contains($0) }) {
        return Violation(
          property: .noLostAcknowledgedIncrement, replica: ReplicaID(index), request: missing,
          step: step, detail: "r\(index) never learned acknowledged \(missing)")
      }
    }
    return nil
  }

  /// Checks a whole recorded history in one go.
  /// - Returns: the first violation, or `nil` if the history keeps every property.
  public static func check(
    _ history: some Sequence<Observation>, replicas: Int, finalValues: [Int]? = nil
  ) -> Violation? {
    var checker = SpecChecker(replicas: replicas)
    for observation in history {
      if let violation = checker.record(observation) { return violation }
    }
    return checker.finish(finalValues: finalValues)
  }

  @usableFromInline
  func overcount(
    _ value: Int, on replica: ReplicaID, cause: RequestID?, what: StaticString
  ) -> Violation? {
    guard value > issuedCount else { return nil }
    // Name a request that was applied twice, if there is one: that is the double count.
    for (index, first) in applications.enumerated() {
      guard
        let second = applications[(index + 1)...].first(where: { $0.request == first.request })
      else { continue }
      return Violation(
        .noDoubleCounting, replica, first.request, step,
        .appliedTwice(
          first.request, by: first.replica, and: second.replica, what: what, value: value,
          issued: issuedCount))
    }
    return Violation(
      .noDoubleCounting, replica, cause, step,
      .overcount(what: what, value: value, issued: issuedCount))
  }
}
