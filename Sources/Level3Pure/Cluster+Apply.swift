import CounterSpec

extension Cluster {
  /// Applies one choice: the only code that turns a replica's or a client's actions into effects.
  ///
  /// A choice that does not apply now (a packet that is not in flight or on a cut link, a request
  /// its replica is not ready for (`waits(_:)`: it stays in flight), a timer
  /// that is not pending, a crash of a replica that is down, anything after a violation) changes
  /// nothing and returns `nil`, so a shrinker may delete choices freely. When a gossip packet's
  /// exact content is not in flight, the oldest gossip on the same link stands in for it:
  /// deleting an earlier choice changes what a gossip carries, not that it was sent.
  /// - Returns: the choice as applied (with the packet really used), or `nil`.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  @discardableResult
  public mutating func apply(_ choice: Choice) -> Choice? {
    perform(choice)
  }

  /// `apply(_:)` for a scheduler that keeps no list of the choices it applied (a simulator
  /// without a trace): the same change, without building the choice as applied.
  /// - Returns: whether `choice` applied.
  @inline(__always)  // each caller names one kind of choice: inlined, only its case remains
  mutating func applies(_ choice: Choice) -> Bool {
    perform(choice) != nil  // `perform` is inlined: the choice it returns is never built
  }

  /// `applies(.deliver(wanted))`, without wrapping the packet in a choice (most of a
  /// simulator's events are deliveries, and each wrapping copies the packet).
  mutating func delivers(_ wanted: Packet) -> Bool {
    begin()
    guard !isBroken, let index = deliverable(wanted) else { return false }
    receive(inFlight.remove(at: index))
    return true
  }

  /// The body of `apply(_:)` and `applies(_:)`.
  @inline(__always)
  private mutating func perform(_ choice: Choice) -> Choice? {
    begin()
    guard !isBroken else { return nil }
    switch choice {
    case .deliver(let wanted):
      guard let index = deliverable(wanted) else { return nil }
      let packet = inFlight.remove(at: index)
      receive(packet)
      return .deliver(packet)

    case .drop(let wanted):
      guard let index = find(wanted) else { return nil }
      let packet = inFlight.remove(at: index)
      if case .sync = packet { holdersMayShrink = true }
      if recordsTrace {
        let why = isBlocked(packet) ? "  [partition]" : ""
        record(.drop(from: packet.from, to: packet.to, message: packet.text + why))
      }
      checkHeld()
      return .drop(packet)

    case .duplicate(let wanted):
      guard let index = find(wanted) else { return nil }
      let packet = inFlight[index]
      inFlight.append(packet)
      if recordsTrace {
        record(.duplicate(from: packet.from, to: packet.to, message: packet.text))
      }
      return .duplicate(packet)

    case .fire(.replica(let id, let timer)):
      guard id.index < nodes.count, let position = nodes[id.index].timers.firstIndex(of: timer)
      else { return nil }
      nodes[id.index].timers.remove(at: position)
      if recordsTrace { record(.timer(.replica(id), name: timer.description)) }
      step(id.index, .timerFired(timer), cause: nil)
      checkHeld()

    case .fire(.client(let id, let timer)):
      guard id.index < clientNodes.count,
        let position = clientNodes[id.index].timers.firstIndex(of: timer)
      else { return nil }
      clientNodes[id.index].timers.removeKeepingOrder(at: position)
      stepClient(id.index, .timerFired(timer))

    case .completeWrite(let id):
      guard id.index < nodes.count, !nodes[id.index].writes.isEmpty else { return nil }
      let tally = nodes[id.index].writes.removeKeepingOrder(at: 0)
      nodes[id.index].disk = tally
      if recordsTrace { record(.note(.replica(id), "persisted \(tally)")) }
      step(id.index, .persisted(tally), cause: nil)
      checkHeld()

    case .crash(let id):
      guard id.index < nodes.count, nodes[id.index].isUp else { return nil }
      let lost = nodes[id.index].writes.count
      nodes[id.index].crash(leaving: R(id: id, config: config))
      holdersMayShrink = true
      if recordsTrace {
        record(.crash(id))
        if lost > 0 { record(.note(.replica(id), "lost \(pluralized(lost, "write")) in flight")) }
      }
      checkHeld()

    case .restart(let id):
      guard id.index < nodes.count, !nodes[id.index].isUp else { return nil }
      nodes[id.index].restart(as: R(id: id, config: config, restoring: nodes[id.index].disk))
      holdersMayShrink = true  // its disk no longer counts, only what it restored
      if recordsTrace { record(.restart(id)) }
      step(id.index, .started, cause: nil)
      checkHeld()

    case .cut(let from, let to):
      guard from.index < config.replicas, to.index < config.replicas, from != to,
        !isCut(from, to)
      else { return nil }
      cutLinks |= linkBit(from, to)
      if recordsTrace { record(.note(nil, "PARTITION: \(from) cannot reach \(to)")) }

    case .heal:
      guard cutLinks != 0 else { return nil }
      cutLinks = 0
      if recordsTrace { record(.note(nil, "partition healed")) }
    }
    return choice
  }

  /// Empties the record of the last `apply`.
  @inline(__always)
  private mutating func begin() {
    if !effects.isEmpty { effects.clearKeepingCapacity() }
    if !events.isEmpty { events.clearKeepingCapacity() }
  }

  /// The index in `inFlight` of the packet `wanted` names (`find(_:)`), if it can be delivered
  /// now: not on a cut link, not a request that must wait.
  @inline(__always)  // as `isBlocked`
  private func deliverable(_ wanted: Packet) -> Int? {
    guard let index = find(wanted), !isBlocked(inFlight[index]), !waits(inFlight[index])
    else { return nil }
    return index
  }

  /// Whether `packet` travels on a cut link.
  @inline(__always)  // called from `apply`, a call would copy the whole cluster first
  func isBlocked(_ packet: Packet) -> Bool {
    guard case .sync(_, let from, let to) = packet else { return false }
    return isCut(from, to)
  }

  /// The in-flight packet `wanted` names: itself, or for gossip the oldest on the same link.
  @inline(__always)  // as `isBlocked`: a call would copy the whole cluster first
  private func find(_ wanted: Packet) -> Int? {
    if let exact = inFlight.firstIndex(of: wanted) { return exact }
    guard case .sync(_, let from, let to) = wanted else { return nil }
    return inFlight.firstIndex {
      if case .sync(_, from, to) = $0 { return true }
      return false
    }
  }

  // MARK: - Interpreting

  /// `packet`, out of the network, reaches its receiver.
  @inline(__always)  // two callers; a call would copy the packet again to switch over it
  private mutating func receive(_ packet: Packet) {
    deliver(packet)
    // A gossip that left the network may have taken the last copy of a request with it,
    // unless its receiver is up and now knows everything the gossip carried.
    if case .sync(let tally, _, let to) = packet,
      !(nodes[to.index].isUp && tally.known.isSubset(of: nodes[to.index].known))
    {
      holdersMayShrink = true
    }
    checkHeld()
  }

  @inline(__always)  // its one caller is `receive`
  private mutating func deliver(_ packet: Packet) {
    switch packet {
    case .request(let request, let to):
      guard nodes[to.index].isUp else { return lostAtDownReplica(packet, to) }
      if recordsTrace { record(.deliver(from: packet.from, to: packet.to, message: packet.text)) }
      step(to.index, .requested(request, from: request.client), cause: request)
    case .sync(let tally, let from, let to):
      guard nodes[to.index].isUp else { return lostAtDownReplica(packet, to) }
      if recordsTrace { record(.deliver(from: packet.from, to: packet.to, message: packet.text)) }
      step(to.index, .synced(tally, from: from), cause: nil)
    case .ack(let request, let from, let to):
      guard to.index < clientNodes.count else { return }
      if recordsTrace { record(.deliver(from: packet.from, to: packet.to, message: packet.text)) }
      stepClient(to.index, .replied(.incremented(request), from: from))
    }
  }

  private mutating func lostAtDownReplica(_ packet: Packet, _ to: ReplicaID) {
    guard recordsTrace else { return }
    record(.drop(from: packet.from, to: packet.to, message: "\(packet.text)  [\(to) is down]"))
  }

  /// Steps replica `index` (which is up) and performs its actions. A value change is recorded
  /// here, once, with the request being handled as its cause.
  mutating func step(_ index: Int, _ input: ReplicaInput, cause: RequestID?) {
    let before = nodes[index].value
    let knewBefore = nodes[index].known
    // Into the scratch buffer, in place (two stored properties of `self` may be accessed at
    // once): a step allocates nothing, and borrowing the buffer would cost two swaps.
    // Appended after what earlier steps left, emptied only when full: each removal would check
    // the buffer's uniqueness at every step.
    if actions.count >= Self.scratchLimit { actions.removeAll(keepingCapacity: true) }
    let first = actions.count
    nodes[index].step(input, into: &actions)
    if !knewBefore.isSubset(of: nodes[index].known) { holdersMayShrink = true }  // it forgot
    let after = nodes[index].value
    let id = ReplicaID(index)
    if after != before {
      if recordsTrace { record(.value(id, after)) }
      observe(.valueChanged(id, to: after, cause: cause))
    }
    for position in first..<actions.count {  // by index: a `for in` would retain the buffer
      switch actions[position] {
      case .sync(let tally, let peer):
        send(.sync(tally, from: id, to: peer))
      case .reply(.incremented(let request), let client):
        send(.ack(request, from: id, to: client))
      case .startTimer(let timer, let delay):
        nodes[index].timers.arm(timer)  // one pending timer per kind: this re-arms it
        if recordsEffects { effects.append(.timerStarted(.replica(id, timer), after: delay)) }
      case .persist(let tally):
        nodes[index].writes.append(tally)
        if recordsEffects { effects.append(.writeQueued(id)) }
      }
    }
    // Stored without capacity when stored by the thousand.
    if !recordsEffects { actions = [] }
  }

  /// Steps client `index` and performs its actions.
  @inline(__always)  // three callers: inlined, an acknowledgement reaches its client uncopied
  mutating func stepClient(_ index: Int, _ input: ClientInput) {
    // In place, and emptied only when full, as in `step`.
    if clientActions.count >= Self.scratchLimit {
      clientActions.removeAll(keepingCapacity: true)
    }
    let first = clientActions.count
    clientNodes[index].client.step(input, into: &clientActions)
    let id = ClientID(index)
    // A stale timer changes nothing: the trace shows only timers that meant something.
    if recordsTrace, case .timerFired(let timer) = input, clientActions.count > first {
      record(.timer(.client(id), name: timer.description))
    }
    for position in first..<clientActions.count {
      switch clientActions[position] {
      case .request(let request, let replica):
        send(.request(request, to: replica))
      case .startTimer(let timer, let delay):
        clientNodes[index].timers.arm(timer)  // the next attempt's timer replaces the last one's
        if recordsEffects { effects.append(.timerStarted(.client(id, timer), after: delay)) }
      case .issued(let request):
        if recordsTrace { record(.note(.client(id), "issues \(request)")) }
        observe(.issued(request))
      case .acknowledged(let request):
        holdersMayShrink = true
        observe(.acknowledged(request))
      case .finished:
        break  // `clientsFinished` reads it from the clients
      }
    }
    if !recordsEffects { clientActions = [] }
  }

  /// How many actions the scratch buffers hold before `step` and `stepClient` empty them.
  static var scratchLimit: Int { 32 }

  private mutating func send(_ packet: Packet) {
    inFlight.append(packet)
    if recordsEffects { effects.append(.sent(at: inFlight.count - 1)) }
  }

  // MARK: - Feeding the checker

  @inline(__always)  // the checker's usual answer, no violation, is then decided in place
  private mutating func observe(_ observation: Observation) {
    guard !isBroken, let broken = checker.record(observation) else { return }
    report(broken)
  }

  /// *No lost acknowledged increment*, now: every acknowledged request is in a running replica's
  /// memory, a crashed replica's disk, or a gossip message in flight.
  @inline(__always)  // called after most choices, which shrink nothing: skip the call
  private mutating func checkHeld() {
    if holdersMayShrink { checkHeldNow() }
  }

  /// `checkHeld()` once something may have shrunk.
  private mutating func checkHeldNow() {
    holdersMayShrink = false
    guard !isBroken, !checker.acknowledged.isEmpty else { return }
    // Indices, not `for node in nodes`: copying a node would retain its arrays, at every step.
    var held = RequestSet()
    for index in nodes.indices where nodes[index].isUp { held.formUnion(nodes[index].known) }
    guard !checker.acknowledged.isSubset(of: held) else { return }
    for index in nodes.indices where !nodes[index].isUp {
      if let disk = nodes[index].disk { held.formUnion(disk.known) }
    }
    for case .sync(let tally, _, _) in inFlight { held.formUnion(tally.known) }
    if let broken = checker.lost(held: held) { report(broken) }
  }

  mutating func report(_ broken: Violation) {
    guard !isBroken else { return }
    violation = broken
    if recordsTrace { record(.violation(broken)) }
  }

  /// Checks the end of a run (after it settled): every acknowledged increment known by every
  /// replica, and every replica in agreement. Records and returns the violation, if any.
  @discardableResult
  public mutating func finish() -> Violation? {
    guard !isBroken else { return violation }
    if !events.isEmpty { events.clearKeepingCapacity() }
    // The usual end, decided without building the arrays `values` and `known`: every replica
    // up, in agreement, and holding every acknowledged request (`checker.finish` would agree).
    if replicasAgree, checker.acknowledged.isSubset(of: nodes[0].known) { return nil }
    if let broken = checker.finish(values: values, known: known) { report(broken) }
    return violation
  }

  private mutating func record(_ kind: TraceEvent.Kind) { events.append(kind) }
}
