import CounterSpec

/// A whole cluster as one value: replicas, clients, disks, writes and timers, the network, and
/// the checker. The one interpreter of the replicas' and clients' actions.
///
/// Every tool is a scheduler over it: the simulator picks choices by time and seed, a `Schedule`
/// replays a list of them, the shrinker deletes some, the explorer tries them all. Only
/// `apply(_:)` turns actions into effects (messages in flight, pending timers, writes, disks)
/// and feeds the checker, so every tool runs the same semantics:
/// - a crash loses the replica's memory, its pending timers and its writes in flight; a restart
///   reads only what reached its disk. It lands between steps: a crash partway through a step's
///   actions would be this crash right after the step plus the loss of the messages after that
///   point, which the network may drop anyway, so no story is missing;
/// - `.persist` queues a write; `.completeWrite` puts the oldest on disk and tells the replica;
/// - timers are exactly those started with `.startTimer` (starting one again re-arms it);
/// - a cut link delivers nothing; the network may drop or duplicate any message in flight;
/// - a client request waits in flight while its replica is up and not ready for one
///   (`CounterReplica.isReadyForRequest`, `Cluster+Intake.swift`).
///
/// Two clusters are equal when everything that decides their future is equal (the network
/// compares as a multiset); the checker's history (step count, who applied what) and the record
/// of the last `apply` are not part of it.
public struct Cluster<R: CounterReplica>: Hashable {
  /// What one `apply` started, for a scheduler that gives things a time.
  public enum Effect: Equatable, Sendable {
    /// A packet went into the network: it is `inFlight[index]` (until `inFlight` changes again;
    /// the packet itself is not repeated here, a copy less at every send).
    case sent(at: Int)
    /// A timer was started (or re-armed) to fire after `after`.
    case timerStarted(TimerRef, after: Duration)
    /// A replica queued a write.
    case writeQueued(ReplicaID)
  }

  /// One replica's place in the cluster: the replica (while it is up), its disk, its writes in
  /// flight and its pending timers. Kept together, so copying a cluster copies few buffers.
  public struct Node: Hashable, Sendable {
    /// The replica while it is up; while it is down, a fresh one that nobody reads (stored
    /// without an optional, so a step changes it in place).
    var memory: R
    /// Whether the replica is running.
    public internal(set) var isUp = true
    /// `replica?.known`, or empty while it is down.
    public private(set) var known = RequestSet()
    /// `replica?.value`, or 0 while it is down.
    public private(set) var value = 0
    /// `replica?.isReadyForRequest`, or `true` while it is down (a request to a replica that
    /// is down is delivered, and lost).
    public private(set) var isReadyForRequest = true
    /// Whether a client request to it waits in the network (`waits(_:)`): it is up, and not
    /// ready for one.
    @inlinable
    public var holdsBackRequests: Bool { isUp && !isReadyForRequest }
    /// What reached its disk (`nil`: nothing yet).
    public internal(set) var disk: Tally?
    /// Its writes in flight, oldest first.
    public internal(set) var writes: [Tally] = []
    /// Its pending timers, in the order they were started (one per kind).
    public internal(set) var timers = PendingTimers()

    /// A running replica.
    init(_ replica: R) {
      memory = replica
      refresh()
    }

    /// Becomes a copy of `others[index]`, sharing its buffers of writes and timers. (Read
    /// through a buffer pointer: passing the node itself, or reading `others[index].field`,
    /// copies the whole node, and retains its arrays, first.)
    mutating func restore(from others: [Node], at index: Int) {
      restore(from: others, at: index, keepingBuffers: false)
    }

    /// `restore(from:at:)`; with `keepingBuffers`, the writes and timers are copied element by
    /// element into this node's own buffers: a simulator resets its cluster before each of
    /// thousands of runs, and a shared buffer would be reallocated at the run's first write or
    /// timer.
    @inline(__always)
    mutating func restore(from others: [Node], at index: Int, keepingBuffers: Bool) {
      others.withUnsafeBufferPointer { others in
        let other = others.baseAddress! + index
        memory = other.pointee.memory
        isUp = other.pointee.isUp
        known = other.pointee.known
        value = other.pointee.value
        isReadyForRequest = other.pointee.isReadyForRequest
        disk = other.pointee.disk
        if keepingBuffers {
          writes.copyKeepingCapacity(other.pointee.writes)
        } else {
          writes = other.pointee.writes
        }
        timers = other.pointee.timers
      }
    }

    /// The replica, `nil` while it is down.
    public var replica: R? { isUp ? memory : nil }

    /// The replica is lost: its memory, writes in flight and timers. `fresh` stands in for it.
    mutating func crash(leaving fresh: R) {
      memory = fresh
      isUp = false
      writes = []
      timers = PendingTimers()
      refresh()
    }

    /// The replica runs again, as `restored`.
    mutating func restart(as restored: R) {
      memory = restored
      isUp = true
      refresh()
    }

    /// Steps the replica (which is up) with `input`, its actions appended to `actions`, and
    /// refreshes the copies: one access to the node for both.
    @inline(__always)  // a call would pass the input and the node by address
    mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
      memory.step(input, into: &actions)
      refresh()
    }

    /// Copies what the checks read at every step out of the replica, so they never copy the
    /// replica itself. Called after every change of `memory`.
    @inline(__always)  // three copies, after every step
    mutating func refresh() {
      guard isUp else {
        known = RequestSet()
        value = 0
        isReadyForRequest = true
        return
      }
      known = memory.known
      value = memory.value
      isReadyForRequest = memory.isReadyForRequest
    }

    /// Equal replica (while up), disk, writes and timers (the copies `refresh()` makes follow).
    public static func == (a: Node, b: Node) -> Bool {
      a.isUp == b.isUp && (!a.isUp || a.memory == b.memory) && a.disk == b.disk
        && a.writes == b.writes && a.timers == b.timers
    }

    /// Hashes what `==` compares. Element by element, with each element's own `hash(into:)`:
    /// combining whole arrays goes through the standard library's unspecialized path, which
    /// looks up type metadata for every element.
    /// The disk, the writes and the timers are mixed into one word first (a state space has
    /// few distinct ones), so the hasher is fed twice plus the replica.
    public func hash(into hasher: inout Hasher) {
      let odd: UInt64 = 0x9E37_79B9_7F4A_7C15
      var word = UInt64(writes.count) << 32 | UInt64(timers.count) << 2 | (isUp ? 1 : 0)
      if let disk { word = (word ^ disk.low ^ disk.known.words.folded &+ 1) &* odd }
      for index in writes.indices {
        word = (word ^ writes[index].low ^ writes[index].known.words.folded) &* odd
      }
      word = (word ^ timers.packedKinds) &* odd
      hasher.combine(word)
      if isUp { memory.hash(into: &hasher) }
    }
  }

  /// One client and its pending timers (one per kind).
  public struct ClientNode: Hashable, Sendable {
    /// The client.
    public internal(set) var client: Client
    /// Its pending timers.
    public internal(set) var timers: [ClientTimer] = []

    /// Hashes the part of `==` that changes within a run (the client's progress and its
    /// timers), packed into few words; the rest is the same for a client in every state.
    public func hash(into hasher: inout Hasher) {
      hasher.combine(client.number << 32 | client.attempt << 1 | (client.isFinished ? 1 : 0))
      hasher.combine(timers.count)
      for index in timers.indices {
        switch timers[index] {
        case .retry(let request, let attempt):
          hasher.combine(request.client.index << 48 | request.number << 16 | attempt)
        }
      }
    }
  }

  /// The replicas' configuration.
  public let config: ReplicaConfig
  /// Each replica with its disk, writes and timers.
  public internal(set) var nodes: [Node]
  /// Each client with its timers.
  public internal(set) var clientNodes: [ClientNode]
  /// Every packet sent and not yet delivered or dropped, in sending order (a multiset).
  public internal(set) var inFlight: [Packet] = []
  /// Bit `from * replicas + to` is set when that link is cut.
  public internal(set) var cutLinks: UInt64 = 0
  /// The specification's checker, fed by every `apply`.
  public internal(set) var checker: SpecChecker
  /// The first broken property; once set, nothing more applies.
  public internal(set) var violation: Violation? {
    didSet { isBroken = violation != nil }
  }
  /// `violation != nil`, as a flag: asked at every step, and cheaper to read than an optional
  /// struct of strings.
  public private(set) var isBroken = false
  /// What the last `apply` (or the start) started: messages, timers, writes.
  public internal(set) var effects: [Effect] = []
  /// What the last `apply` did, as trace events, when `recordsTrace` is on.
  public internal(set) var events: [TraceEvent.Kind] = []
  /// Whether `apply` writes `events` (sweeps leave it off: building text is most of the cost).
  public var recordsTrace: Bool {
    didSet { if !recordsTrace { events = [] } }
  }
  /// Whether `apply` lists `effects`, and keeps its scratch buffers between steps. The explorer,
  /// which gives nothing a time and stores clusters by the thousand, turns it off.
  public var recordsEffects = true {
    didSet { if !recordsEffects { effects = [] } }
  }
  var actions: [ReplicaAction] = []
  var clientActions: [ClientAction] = []
  /// Whether the last choice may have left an acknowledged request without a holder (something
  /// was acknowledged, a replica forgot or crashed, a gossip message left the network): only
  /// then is *no lost acknowledged increment* worth checking.
  var holdersMayShrink = false

  /// A cluster of `scenario`'s replicas and clients, every one started: first gossip timers
  /// pending, first requests in flight.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public init(scenario: Scenario, recordsTrace: Bool = true) {
    config = ReplicaConfig(scenario)
    self.recordsTrace = recordsTrace
    let config = config
    nodes = scenario.replicaIDs.map { id in
      Node(R(id: id, config: config))
    }
    clientNodes = scenario.clientIDs.map { ClientNode(client: Client(id: $0, scenario: scenario)) }
    checker = SpecChecker(replicas: scenario.replicas)
    for index in nodes.indices { step(index, .started, cause: nil) }
    for index in clientNodes.indices { stepClient(index, .started) }
  }

  /// Becomes a copy of `other` (a cluster of the same scenario), keeping this cluster's buffers:
  /// what a simulator does before each of thousands of runs, so a run starts without
  /// allocating. The result equals `other` in every stored property.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  package mutating func restore(_ other: Cluster) {
    precondition(other.nodes.count == nodes.count && other.clientNodes.count == clientNodes.count)
    for index in nodes.indices {
      nodes[index].restore(from: other.nodes, at: index, keepingBuffers: true)
    }
    for index in clientNodes.indices {
      clientNodes[index].client = other.clientNodes[index].client
      clientNodes[index].timers.copyKeepingCapacity(other.clientNodes[index].timers)
    }
    inFlight.copyKeepingCapacity(other.inFlight)
    cutLinks = other.cutLinks
    checker.restore(other.checker)
    if isBroken || other.isBroken { violation = other.violation }  // nil to nil costs a copy
    recordsTrace = other.recordsTrace
    recordsEffects = other.recordsEffects
    effects.copyKeepingCapacity(other.effects)
    events.copyKeepingCapacity(other.events)
    holdersMayShrink = other.holdersMayShrink
  }

  // MARK: - Reading the state

  /// Each replica, `nil` while it is down.
  public var replicas: [R?] { nodes.map { $0.replica } }
  /// What reached each replica's disk.
  public var disks: [Tally?] { nodes.map { $0.disk } }
  /// Each replica's writes in flight, oldest first.
  public var writes: [[Tally]] { nodes.map { $0.writes } }
  /// Each replica's pending timers.
  public var replicaTimers: [[ReplicaTimer]] { nodes.map { Array($0.timers) } }
  /// The clients.
  public var clients: [Client] { clientNodes.map { $0.client } }
  /// Each client's pending timers.
  public var clientTimers: [[ClientTimer]] { clientNodes.map { $0.timers } }

  /// Whether replica `id` is running.
  public func isUp(_ id: ReplicaID) -> Bool { nodes[id.index].isUp }

  /// Whether every client has finished its increments.
  @inlinable
  public var clientsFinished: Bool {
    for index in clientNodes.indices where !clientNodes[index].client.isFinished { return false }
    return true
  }

  /// Whether some replica has a write in flight.
  @inlinable
  public var writesPending: Bool {
    for index in nodes.indices where !nodes[index].writes.isEmpty { return true }
    return false
  }

  /// Each replica's value; a replica that is down counts with what its disk would restore.
  /// (A running replica's is read from its node: `current(_:)` would copy the replica.)
  public var values: [Int] {
    nodes.indices.map { nodes[$0].isUp ? nodes[$0].value : current($0).value }
  }

  /// What each replica knows; a replica that is down counts with what its disk would restore.
  public var known: [RequestSet] {
    nodes.indices.map { nodes[$0].isUp ? nodes[$0].known : current($0).known }
  }

  /// Replica `index` as it is, or as a restart would bring it back.
  public func current(_ index: Int) -> R {
    nodes[index].isUp
      ? nodes[index].memory
      : R(id: ReplicaID(index), config: config, restoring: nodes[index].disk)
  }

  /// Whether the link from replica `from` to replica `to` is cut.
  @inline(__always)  // called from `apply`: a call would copy the whole cluster first
  public func isCut(_ from: ReplicaID, _ to: ReplicaID) -> Bool {
    cutLinks & linkBit(from, to) != 0
  }

  @inline(__always)  // as `isCut`
  func linkBit(_ from: ReplicaID, _ to: ReplicaID) -> UInt64 {
    Level3Pure.linkBit(from.index, to.index, replicas: config.replicas)
  }

  /// Every choice that applies now, in a fixed order: deliver, drop, duplicate each distinct
  /// packet (in sending order), fire each pending timer (replicas, then clients), complete a
  /// write, crash, restart. Cutting and healing links are left to schedulers that want them.
  /// A packet on a cut link, or a request its replica is not ready for (`waits(_:)`), is not
  /// delivered, but may still be dropped or duplicated.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public func enabledChoices() -> [Choice] {
    var choices: [Choice] = []
    enabledChoices(into: &choices)
    return choices
  }

  /// `enabledChoices()`, written into `choices` (emptied first, its buffer kept): for a search
  /// that asks at every state. The rule itself is `forEachEnabledChoice`
  /// (`EnabledChoice.swift`), which the explorer also reads off packed words.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public func enabledChoices(into choices: inout [Choice]) {
    choices.removeAll(keepingCapacity: true)  // a dozen or more: the general path is cheaper
    forEachEnabledChoice { choices.append(choice($0)) }
  }

  // MARK: - Equality: what decides the future

  /// Equal in everything that decides the future: nodes, clients, cut links, what was issued
  /// and acknowledged, whether a property broke, and the messages in flight as a multiset.
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public static func == (a: Cluster, b: Cluster) -> Bool {
    a.nodes == b.nodes && a.clientNodes == b.clientNodes && a.cutLinks == b.cutLinks
      && a.checker.issued == b.checker.issued && a.checker.acknowledged == b.checker.acknowledged
      && a.isBroken == b.isBroken && sameMultiset(a.inFlight, b.inFlight)
  }

  /// Hashes what `==` compares (the messages in flight in an order-free way).
  @_specialize(exported:true,where R == FlawedReplica)
  @_specialize(exported:true,where R == FixedReplica)
  public func hash(into hasher: inout Hasher) {
    // Element by element (see `Node.hash(into:)`).
    for index in nodes.indices { nodes[index].hash(into: &hasher) }
    for index in clientNodes.indices { clientNodes[index].hash(into: &hasher) }
    hasher.combine(cutLinks)
    hasher.combine(checker.issued)
    hasher.combine(checker.acknowledged)
    // The network is a multiset: combine its packets in an order-free way (a sum of mixes,
    // computed without a `Hasher` per packet).
    var sum: UInt64 = 0
    for index in inFlight.indices { sum &+= Self.mix(inFlight[index]) }
    hasher.combine(inFlight.count)
    hasher.combine(sum)
  }

  /// `packet` mixed into 64 bits: equal packets mix equally, and the final multiply-xorshift
  /// keeps a sum of mixes from cancelling out.
  static func mix(_ packet: Packet) -> UInt64 {
    var word: UInt64
    switch packet {
    case .request(let request, let to):
      word =
        1 &+ UInt64(truncatingIfNeeded: request.client.index) << 8
        &+ UInt64(truncatingIfNeeded: request.number) << 16
        &+ UInt64(truncatingIfNeeded: to.index) << 40
    case .sync(let tally, let from, let to):
      word =
        2 &+ UInt64(truncatingIfNeeded: from.index) << 8
        &+ UInt64(truncatingIfNeeded: to.index) << 16
      word = (word ^ tally.low) &* 0x9E37_79B9_7F4A_7C15
      word = (word ^ tally.high) &* 0x9E37_79B9_7F4A_7C15
      word ^= tally.known.words.folded
    case .ack(let request, let from, let to):
      word =
        3 &+ UInt64(truncatingIfNeeded: request.client.index) << 8
        &+ UInt64(truncatingIfNeeded: request.number) << 16
        &+ UInt64(truncatingIfNeeded: from.index) << 40
        &+ UInt64(truncatingIfNeeded: to.index) << 48
    }
    word = (word ^ (word >> 31)) &* 0xBF58_476D_1CE4_E5B9
    return word ^ (word >> 29)
  }

  private static func sameMultiset(_ a: [Packet], _ b: [Packet]) -> Bool {
    guard a.count == b.count else { return false }
    if a == b { return true }
    for packet in a where a.count(where: { $0 == packet }) != b.count(where: { $0 == packet }) {
      return false
    }
    return true
  }
}

/// The bit of a cluster's `cutLinks` for the link from replica `from` to replica `to`, of
/// `replicas`.
@inline(__always)
func linkBit(_ from: Int, _ to: Int, replicas: Int) -> UInt64 {
  1 << UInt64(from * replicas + to)
}
