import CounterSpec

/// What `PackedChoices.replay` could make of a choice without applying it.
package enum Replay: Equatable {
  /// Its successor is written: the written words up to `compared` are compared, and
  /// `needsChecks` says whether it is quiet (clients done, nothing in flight, no write
  /// pending), so that the search settles it with the cluster to check convergence.
  case written(compared: Int, needsChecks: Bool)
  /// It would put more messages in flight than the search allows: no transition.
  case overLimit
  /// It must be applied: new to the memo, or one whose checks need the cluster.
  case needsCluster
}

/// What `PackedChoices.replay` reads of the state being expanded, read once per state: how many
/// requests were issued, which were acknowledged, how many messages are in flight, what all
/// replicas hold, how many replicas have a write in flight and how many clients are done.
package struct PackedFacts {
  var issued = 0
  var acknowledged = RequestSet()
  var anyAcknowledged = false
  var inFlight = 0
  var allHold = RequestSet()
  var writers = 0
  var clients = 0
  var finished = 0

  /// The facts of the state `choices` reads.
  package init(_ choices: borrowing PackedChoices) {
    let checker = choices.parent.baseAddress! + choices.layout.checker.lowerBound
    // Most sets are one word (`RequestSet.pack(into:)`): counted without unpacking them.
    issued =
      checker[0] & 1 == 1
      ? (checker[0] >> 1).nonzeroBitCount : RequestSet(unpacking: checker).count
    acknowledged = RequestSet(unpacking: checker + RequestSet.packedLength(first: checker[0]))
    anyAcknowledged = !acknowledged.isEmpty
    inFlight = choices.packetCount
    clients = choices.clientCount
    finished = 0
    for index in 0..<clients where choices.isFinished(index) { finished += 1 }
    allHold = RequestSet()
    writers = 0
    for index in 0..<choices.replicaCount {
      let node = choices.node(index)
      if choices.facts[node].isWriting { writers += 1 }
      allHold.formUnion(choices.facts[node].held)
    }
  }

  /// Whether every client is done.
  var clientsFinished: Bool { finished == clients }
}

extension PackedChoices {
  /// Writes the successor of this state by `enabled` from what `memo` remembers of it, if it
  /// can, after the word `writer` holds (the explorer's budget word): the parent's words with
  /// the stepped replica's node number, or the stepped client's words and the issued and
  /// acknowledged requests, replaced, less the packet the choice took, plus the packets it
  /// sent. `Cluster.pack(into:parent:layout:after:numbering:memo:)` writes the same words after
  /// `apply`; `PackingTests` and debug builds of the explorer check that it does.
  ///
  /// The cluster is still needed when the step is new to the memo, and when the checks need
  /// it: a value above the requests issued (a double count, which the cluster names), or an
  /// acknowledged request that no replica holds afterwards (the cluster also looks in the
  /// gossip in flight). Both tests are exact or conservative, never weaker than the cluster's.
  /// It changes nothing: it is `mutating` only so that this value is passed by address, where
  /// a call on the explorer's variable would copy it (and retain its arrays) at every choice.
  /// - Parameters:
  ///   - facts: `PackedFacts` noted of this state.
  ///   - maxInFlight: the most messages in flight a successor may have.
  @inline(__always)
  package mutating func replay(
    _ enabled: EnabledChoice, facts: PackedFacts, memo: inout StepMemo, maxInFlight: Int,
    into writer: inout WordWriter
  ) -> Replay {
    let key = describe(enabled)
    let (replica, client, removing) = (key.replica, key.client, key.removing)
    let found =
      client >= 0
      ? memo.find(
        client: client, checker: UnsafeBufferPointer(rebasing: parent[layout.checker]),
        words: UnsafeBufferPointer(rebasing: parent[layout.clients[client]]), tag: key.tag,
        word: key.word)
      : memo.find(
        on: replica >= 0 ? parent[layout.node(replica)] : StepMemo.noNode, tag: key.tag,
        word: key.word)
    guard let outcome = found else { return .needsCluster }
    let sent = memo.packetsSent(by: outcome)
    let count = sent.count
    let inFlight = facts.inFlight - (removing >= 0 ? 1 : 0) + count
    guard inFlight <= maxInFlight else { return .overLimit }
    var writes = facts.writers > 0
    var finished = facts.clientsFinished
    if replica >= 0 {
      let stepped = memo.node(after: outcome)!
      let after = Int(stepped)
      // Above the requests issued, a value breaks *no double counting*: the cluster says how.
      guard self.facts[after].value <= facts.issued else { return .needsCluster }
      let wasWriting = self.facts[node(replica)].isWriting
      writes = facts.writers - (wasWriting ? 1 : 0) > 0 || self.facts[after].isWriting
      // An acknowledged request that no replica holds may still be in a gossip: the cluster
      // looks.
      if facts.anyAcknowledged, !facts.acknowledged.isSubset(of: self.facts[after].held) {
        var held = self.facts[after].held
        for other in 0..<replicas where other != replica {
          held.formUnion(self.facts[node(other)].held)
        }
        guard facts.acknowledged.isSubset(of: held) else { return .needsCluster }
      }
      // The parent's words up to the network in one copy, the stepped replica's number
      // written over its own.
      let (head, at) = (layout.head, layout.node(replica))
      writer.append(contentsOf: UnsafeBufferPointer(rebasing: parent[head]))
      writer.written[writer.count - (head.upperBound - at)] = stepped
    } else if client >= 0 {
      let (checker, words) = memo.rewrite(by: outcome)
      // Read out of the layout before the closure: read inside, it would be copied first.
      let (head, checkerWords, clientWords) =
        (layout.head, layout.checker, layout.clients[client])
      let othersFinished = facts.finished - (isFinished(client) ? 1 : 0) == facts.clients - 1
      let held = memo.rewrites.withUnsafeBufferPointer { rewrites in
        let after = rewrites.baseAddress! + checker.lowerBound
        let acknowledged = RequestSet(
          unpacking: after + RequestSet.packedLength(first: after[0]))
        guard acknowledged.isSubset(of: facts.allHold) else { return false }
        finished = othersFinished && PackedClient.isFinished(rewrites[words.lowerBound])
        PackedLayout.writeHead(
          of: parent, head, replacing: checkerWords,
          with: UnsafeBufferPointer(rebasing: rewrites[checker]), clientWords,
          with: UnsafeBufferPointer(rebasing: rewrites[words]), into: &writer)
        return true
      }
      guard held else { return .needsCluster }
    } else {
      if facts.anyAcknowledged, !facts.acknowledged.isSubset(of: facts.allHold) {
        return .needsCluster
      }
      writer.append(contentsOf: UnsafeBufferPointer(rebasing: parent[layout.head]))
    }
    let compared: Int
    if count == 0 {  // nothing sent: the common case, written here
      compared = writeNetwork(removing: removing, into: &writer)
    } else {
      compared = memo.sentWords.withUnsafeBufferPointer { words in
        layout.writeNetwork(
          of: parent, removing: removing, adding: UnsafeBufferPointer(rebasing: words[sent]),
          into: &writer)
      }
    }
    return .written(compared: compared, needsChecks: finished && inFlight == 0 && !writes)
  }

  /// `PackedLayout.writeNetwork(of:removing:adding:_:count:into:)` when nothing is added (a
  /// drop, a crash, most deliveries: the common case): this state's packets less the one sent
  /// `removing`-th (if not -1), in one or two copies. It changes nothing: it is `mutating` so
  /// that this value is passed by address (see `replay`), where a call on its layout would copy
  /// the layout first.
  @inline(__always)
  mutating func writeNetwork(removing: Int, into words: inout WordWriter) -> Int {
    let packed = layout.packetCount
    let source = parent.baseAddress! + layout.network  // the count, the packets, the order
    guard removing >= 0 else {  // the same network, sending order included
      let orderWords = (packed + 7) / 8
      words.append(contentsOf: UnsafeBufferPointer(start: source, count: 1 + packed + orderWords))
      return words.count - orderWords
    }
    let removed = layout.positions[removing]
    let kept = packed - 1
    let orderWords = (kept + 7) / 8
    let target = words.extend(by: 1 + kept + orderWords)
    target[0] = UInt64(kept)
    for position in 0..<removed { target[1 &+ position] = source[1 &+ position] }
    for position in (removed + 1)..<packed { target[position] = source[1 &+ position] }
    let compared = words.count - orderWords
    guard packed <= 8 else {
      let order = SendingOrder(target + 1 + kept, count: kept)
      var written = 0
      for position in 0..<packed where position != removed {
        let index = layout.sending[position]
        order[written] = index > removing ? index &- 1 : index
        written &+= 1
      }
      return compared
    }
    // One word of sending order (none if nothing is left), rewritten a byte-lane at a time.
    guard kept > 0 else { return compared }
    let order = source[1 &+ packed]
    let below: UInt64 = (1 &<< UInt64(8 &* removed)) &- 1  // the lanes before the removed one
    let lanes = order & below | order &>> 8 & ~below
    // Each place above the removed packet's moves down by one: a lane holds a place under
    // 128, so `(lane | 0x80) - (removing + 1)` keeps its top bit exactly when the lane is
    // above `removing`, and no lane borrows from the next.
    let ones: UInt64 = 0x0101_0101_0101_0101
    let above = ((lanes | ones &<< 7) &- ones &* UInt64(removing &+ 1)) &>> 7 & ones
    target[1 &+ kept] = lanes &- above
    return compared
  }
}
