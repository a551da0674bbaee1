import CounterSpec

extension Cluster {
  /// Whether every replica is up, knows the same requests and shows the same value.
  @inline(__always)  // a call from the simulator's loop copied the whole cluster first
  public var replicasAgree: Bool {
    guard nodes[0].isUp else { return false }
    for index in nodes.indices.dropFirst() {
      guard nodes[index].isUp, nodes[index].known == nodes[0].known,
        nodes[index].value == nodes[0].value
      else { return false }
    }
    return true
  }

  /// Whether the run has nothing left to do: every client finished and the replicas agree.
  public var isAgreed: Bool { clientsFinished && replicasAgree }

  /// Lets the cluster run without faults until it agrees, then checks the end state; what
  /// *convergence after faults stop* means, decided in a bounded number of steps.
  ///
  /// Faults stop: cut links heal and crashed replicas restart. Then, round after round: every
  /// message in flight is delivered (a request its replica is not ready for, once it is) and
  /// every write completes (until none is left), then every pending replica timer (gossip)
  /// fires. Client timers do not fire: settling adds no retry, only lets what was started
  /// finish. A correct protocol agrees within `replicas + 2` rounds (a gossip round reaches
  /// every peer); one that has not agreed by then never will, because nothing but timers is
  /// left to make progress. The choices are made in a fixed order, so settling is deterministic
  /// and can be replayed.
  /// - Parameter observe: called with what each step recorded (with `recordsTrace` on), the
  ///   end-of-run verdict included.
  /// - Returns: the choices applied; `violation` holds the verdict.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  @discardableResult
  public mutating func settle(
    _ observe: ([TraceEvent.Kind]) -> Void = { _ in }
  ) -> [Choice] {
    var applied: [Choice] = []
    func take(_ choice: Choice) {
      guard let used = apply(choice) else { return }
      applied.append(used)
      observe(events)
    }
    let rounds = config.replicas + 2
    // Bounds a protocol that answers every message with another one.
    let budget = 1_000 * (rounds + inFlight.count)
    func drain() {
      while !isBroken, applied.count < budget {
        if cutLinks != 0 {
          take(.heal)
        } else if let down = nodes.firstIndex(where: { !$0.isUp }) {
          take(.restart(ReplicaID(down)))
        } else if let packet = inFlight.first(where: { !waits($0) }) {
          take(.deliver(packet))
        } else if let writer = nodes.firstIndex(where: { !$0.writes.isEmpty }) {
          take(.completeWrite(ReplicaID(writer)))
        } else {
          return
        }
      }
    }
    drain()
    for _ in 0..<rounds where !isBroken && !replicasAgree {
      for (index, node) in nodes.enumerated() {
        for timer in node.timers { take(.fire(.replica(ReplicaID(index), timer))) }
      }
      drain()
    }
    if !isBroken, finish() != nil { observe(events) }  // the end-of-run verdict
    return applied
  }
}
