import CounterSpec

extension Simulator {
  /// About once per gossip period while faults are on (the next time is drawn between half a
  /// period and one and a half, so crashes do not always land on gossip ticks): each replica may
  /// crash (and is then restarted after one to four periods), and a partition may start (and
  /// heal after two to six).
  mutating func chaos() {
    guard faultsOn else { return }
    let period = scenario.gossipIntervalMs
    let count = scenario.replicas
    for index in 0..<count where random.chance(scenario.crashRate) {
      let id = ReplicaID(index)
      guard cluster.isUp(id) else { continue }
      incarnations[index] += 1  // its writes in flight are lost with it
      apply(.crash(id))
      schedule(.restart(id), at: now + milliseconds(period * random.int(in: 1...4)))
    }
    if !partitioned, random.chance(scenario.partitionRate) {
      let isolated = random.int(in: 0...(count - 1))
      let oneWay = random.chance(0.5)
      let other = (isolated + random.int(in: 1...max(1, count - 1))) % count
      for peer in 0..<count where peer != isolated {
        if !oneWay || peer == other {
          apply(.cut(from: ReplicaID(isolated), to: ReplicaID(peer)))
          if !oneWay { apply(.cut(from: ReplicaID(peer), to: ReplicaID(isolated))) }
        }
      }
      partitioned = true
      schedule(.heal, at: now + milliseconds(period * random.int(in: 2...6)))
    }
    let next = random.int(in: (period * 500)...(period * 1_500))
    schedule(.chaos, at: now + Int64(next))
  }

  /// Brings a crashed replica back from its disk.
  mutating func restart(_ id: ReplicaID) {
    guard !cluster.isUp(id) else { return }
    apply(.restart(id))
  }

  /// Ends the partition.
  mutating func heal() {
    guard partitioned else { return }
    partitioned = false
    apply(.heal)
  }

  /// The clients are done: the network turns perfect, crashed replicas come back, and the run
  /// goes on for `settleMs` so gossip can converge.
  mutating func stopFaults() {
    guard faultsOn else { return }
    faultsOn = false
    if recordsTrace {
      let text = "clients done: faults stop; replicas have \(scenario.settleMs) ms to agree"
      trace.append(TraceEvent(time: now, .note(nil, text)))
    }
    heal()
    // By index, reading the nodes: `replicaIDs` builds an array, and a call to `isUp(_:)` from
    // here copies the whole cluster first.
    for index in 0..<scenario.replicas where !cluster.nodes[index].isUp {
      restart(ReplicaID(index))
    }
    endTime = now + milliseconds(scenario.settleMs)
  }
}
