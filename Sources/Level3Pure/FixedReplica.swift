import CounterSpec

/// The fixed protocol: the value is the number of distinct known requests (a grow-only set), and
/// a request is acknowledged only once a write that holds it has reached this replica's disk.
///
/// A retry anywhere is harmless (a union counts a request once), and an acknowledged increment
/// survives any crash (it is on some disk, and from there it spreads by gossip). It takes one
/// client request at a time: a new one only once every acknowledgement it owes is sent
/// (`isReadyForRequest`). Under any runtime (which honours it), `awaiting` holds at most one
/// request, and the requests that come meanwhile wait outside, oldest first.
public struct FixedReplica: CounterReplica {
  /// A client waiting for the acknowledgement of `request` until it is durable here.
  public struct PendingAck: Hashable, Sendable {
    /// The request to acknowledge.
    public let request: RequestID
    /// Who asked.
    public let client: ClientID

    /// A client waiting for `request`.
    public init(request: RequestID, client: ClientID) {
      self.request = request
      self.client = client
    }
  }

  /// This replica's ID.
  public let id: ReplicaID
  /// The cluster's numbers.
  public let config: ReplicaConfig
  /// What this replica knows: only the set of requests is used (the slots stay zero, so two
  /// replicas that know the same requests are in the same state).
  public internal(set) var tally: Tally
  /// The requests known to be on this replica's disk.
  public internal(set) var durable: RequestSet
  /// Acknowledgements waiting for a write, oldest first.
  public internal(set) var awaiting: [PendingAck] = []

  /// `fixed`.
  public static var protocolName: String { "fixed" }

  /// A fresh replica.
  public init(id: ReplicaID, config: ReplicaConfig) {
    self.init(id: id, config: config, restoring: nil)
  }

  /// A replica restarted from its disk: everything on it is durable, nobody is waiting.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    self.id = id
    self.config = config
    tally = disk ?? Tally(replicas: config.replicas)
    durable = tally.known
  }

  /// The number of distinct known requests.
  public var value: Int { tally.known.count }

  /// Ready for a client request when no acknowledgement waits for a write: one request in
  /// progress at a time. That bounds what this replica holds for its clients (back-pressure:
  /// a busy replica leaves the rest outside) and lets it finish one request before it looks at
  /// the next. It never waits for long: a waiting acknowledgement always has a write in flight
  /// that holds its request (or a crash clears `awaiting`).
  public var isReadyForRequest: Bool { awaiting.isEmpty }

  /// The requests this replica has heard of.
  public var known: RequestSet { tally.known }

  /// `[1,0,0] {c0#1}`, then `waits c0#2` for each acknowledgement waiting for a write.
  public var description: String {
    ([tally.description] + awaiting.map { "waits \($0.request)" }).joined(separator: " ")
  }

  /// Handles `input`; appends what the runtime must do.
  /// - Complexity: O(replicas + clients + waiting acknowledgements).
  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    switch input {
    case .started:
      actions.append(.startTimer(.gossip, after: config.gossipInterval))

    case .requested(let request, let client):
      if durable.contains(request) {
        actions.append(.reply(.incremented(request), to: client))  // on disk: safe to confirm
        return
      }
      if !tally.known.contains(request) {
        // 1) apply, 2) start the write; 3) acknowledge when `.persisted` says it is done.
        tally.known.insert(request)
        actions.append(.persist(tally))
      }
      let pending = PendingAck(request: request, client: client)
      if !awaiting.contains(pending) { awaiting.append(pending) }

    case .synced(let theirs, _):
      let before = tally
      tally.merge(theirs)
      // What we learned is written too, so a request we later confirm is on our own disk.
      if tally != before { actions.append(.persist(tally)) }

    case .timerFired(.gossip):
      for peer in config.peers(of: id) { actions.append(.sync(tally, to: peer)) }
      actions.append(.startTimer(.gossip, after: config.gossipInterval))

    case .persisted(let written):
      durable.formUnion(written.known)
      // Confirm, in arrival order, every waiting request the write holds.
      var still: [PendingAck] = []
      for pending in awaiting {
        if durable.contains(pending.request) {
          actions.append(.reply(.incremented(pending.request), to: pending.client))
        } else {
          still.append(pending)
        }
      }
      awaiting = still
    }
  }
}
