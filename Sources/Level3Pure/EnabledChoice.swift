import CounterSpec

/// One choice that the rule of enabled choices offers (`ChoiceSource.forEachEnabledChoice`),
/// named by where it points instead of by its contents: which packet (by its place in sending
/// order), replica or client, and which of its pending timers. `Cluster.enabledChoices()` turns
/// each into a `Choice`; the explorer's packed search reads the same rule off a state's packed
/// words and makes a `Choice` only for a choice it must apply.
package struct EnabledChoice: Equatable, Sendable {
  /// What the choice does (`Choice`'s cases, a timer by its owner's kind).
  package enum Kind: UInt8, Sendable {
    case deliver, drop, duplicate, fireReplica, fireClient, completeWrite, crash, restart
  }

  /// What it does.
  package let kind: Kind
  /// The packet's place in sending order (deliver, drop, duplicate); otherwise the replica
  /// (fireReplica, completeWrite, crash, restart) or the client (fireClient).
  package let subject: Int
  /// For a timer, its position among its owner's pending timers; otherwise 0.
  package let timer: Int

  /// A choice of `kind` on `subject` (and its `timer`-th pending timer).
  package init(_ kind: Kind, _ subject: Int, timer: Int = 0) {
    self.kind = kind
    self.subject = subject
    self.timer = timer
  }

  /// Whether it names a packet (deliver, drop, duplicate).
  package var namesPacket: Bool { kind.rawValue <= Kind.duplicate.rawValue }
}

/// What the rule of enabled choices reads of a cluster, so that the rule is written once
/// (`forEachEnabledChoice`) and read either from a `Cluster` or from the explorer's packed
/// words of one (`PackedChoices`). Packets are numbered in sending order.
package protocol ChoiceSource {
  /// How many messages are in flight.
  var packetCount: Int { get }
  /// Whether no packet sent before `packet` is equal to it: a choice names a packet's first copy.
  func isFirstCopy(_ packet: Int) -> Bool
  /// Whether the network may hand `packet` over now: not a gossip on a cut link, not a request
  /// to a running replica that is not ready for one (`Cluster.waits(_:)`).
  func isDeliverable(_ packet: Int) -> Bool
  /// How many replicas and clients there are.
  var replicaCount: Int { get }
  var clientCount: Int { get }
  /// How many timers replica `replica` and client `client` have pending.
  func timerCount(ofReplica replica: Int) -> Int
  func timerCount(ofClient client: Int) -> Int
  /// Whether replica `replica` has a write in flight, and whether it is running.
  func isWriting(_ replica: Int) -> Bool
  func isUp(_ replica: Int) -> Bool
}

extension ChoiceSource {
  /// Hands `body` every choice that applies now, in a fixed order: deliver, drop, duplicate
  /// each distinct packet (in sending order), fire each pending timer (replicas, then clients),
  /// complete a write, crash, restart. A packet that is not deliverable may still be dropped
  /// or duplicated. (Cutting and healing links are left to schedulers that want them.)
  @inline(__always)
  package func forEachEnabledChoice(_ body: (EnabledChoice) -> Void) {
    for packet in 0..<packetCount where isFirstCopy(packet) {
      if isDeliverable(packet) { body(EnabledChoice(.deliver, packet)) }
      body(EnabledChoice(.drop, packet))
      body(EnabledChoice(.duplicate, packet))
    }
    for replica in 0..<replicaCount {
      for timer in 0..<timerCount(ofReplica: replica) {
        body(EnabledChoice(.fireReplica, replica, timer: timer))
      }
    }
    for client in 0..<clientCount {
      for timer in 0..<timerCount(ofClient: client) {
        body(EnabledChoice(.fireClient, client, timer: timer))
      }
    }
    for replica in 0..<replicaCount where isWriting(replica) {
      body(EnabledChoice(.completeWrite, replica))
    }
    for replica in 0..<replicaCount {
      body(EnabledChoice(isUp(replica) ? .crash : .restart, replica))
    }
  }
}

extension Cluster: ChoiceSource {
  /// How many messages are in flight.
  package var packetCount: Int { inFlight.count }

  /// Whether no packet sent before `packet` is equal to it.
  @inline(__always)
  package func isFirstCopy(_ packet: Int) -> Bool {
    !inFlight[..<packet].contains(inFlight[packet])
  }

  /// Whether `packet` is neither blocked by a cut link nor waiting for its replica.
  @inline(__always)
  package func isDeliverable(_ packet: Int) -> Bool {
    !isBlocked(inFlight[packet]) && !waits(inFlight[packet])
  }

  /// How many replicas there are.
  package var replicaCount: Int { nodes.count }
  /// How many clients there are.
  package var clientCount: Int { clientNodes.count }

  /// How many timers replica `replica` has pending.
  package func timerCount(ofReplica replica: Int) -> Int { nodes[replica].timers.count }
  /// How many timers client `client` has pending.
  package func timerCount(ofClient client: Int) -> Int { clientNodes[client].timers.count }
  /// Whether replica `replica` has a write in flight.
  package func isWriting(_ replica: Int) -> Bool { !nodes[replica].writes.isEmpty }
  /// Whether replica `replica` is running.
  package func isUp(_ replica: Int) -> Bool { nodes[replica].isUp }

  /// The `Choice` that `enabled` (offered by this cluster's `forEachEnabledChoice`) names.
  @inline(__always)
  package func choice(_ enabled: EnabledChoice) -> Choice {
    switch enabled.kind {
    case .deliver: .deliver(inFlight[enabled.subject])
    case .drop: .drop(inFlight[enabled.subject])
    case .duplicate: .duplicate(inFlight[enabled.subject])
    case .fireReplica:
      .fire(.replica(ReplicaID(enabled.subject), nodes[enabled.subject].timers[enabled.timer]))
    case .fireClient:
      .fire(.client(ClientID(enabled.subject), clientNodes[enabled.subject].timers[enabled.timer]))
    case .completeWrite: .completeWrite(ReplicaID(enabled.subject))
    case .crash: .crash(ReplicaID(enabled.subject))
    case .restart: .restart(ReplicaID(enabled.subject))
    }
  }
}
