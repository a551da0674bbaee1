import CounterSpec
import Level3Pure

/// Breadth-first search over every state the unchanged Level 3 `Replica.step` and
/// `Client.step` can reach within some `Bounds`.
///
/// Time is abstracted away: any pending event may happen next. From each state the explorer
/// tries every choice a `ScheduledRun` understands (deliver, drop or duplicate any message in
/// flight, fire a client's retry timer or a replica's gossip timer, crash or restart a
/// replica), encodes each successor canonically, and keeps it only if it is new. Every new state
/// is checked for double counting, and because the search goes level by level, the first
/// violation found is at the smallest depth there is. Pure: no clock, no I/O, no threads;
/// progress is reported through a callback.
public struct Explorer {
  /// How far a running search has come.
  public struct Progress: Equatable, Sendable {
    /// Distinct states found so far.
    public let states: Int
    /// Transitions taken so far.
    public let transitions: Int
    /// The breadth-first level being expanded.
    public let depth: Int
  }

  /// The bounds being explored.
  public let bounds: Bounds
  /// The search stops (and says so) after this many states.
  public let stateLimit: Int

  private let codec: Codec
  private let clientTable: ClientTable
  private let layout: StateLayout
  private var visited: VisitedStates
  private var parents: [Int32] = []
  private var via: [UInt64] = []
  /// Reads and writes the fields of encoded headers in place.
  private let fields: HeaderFields
  /// The encoded state being expanded (in `visited`, which does not move it before the batch
  /// is committed), with `baseCount` packets in flight.
  private var base: UnsafePointer<UInt64>
  private var baseCount = 0
  /// The encoded successor being built, in place in its batch slot, with `flightCount`
  /// packets in flight (sorted, then zeros).
  private var next: HeaderFields.Words
  private var flightCount = 0
  /// `issued[client * issuedStride + code]`: increments issued by `client` in state `code`.
  private let issued: [Int]
  private let issuedStride: Int
  /// The successors of the state being expanded, in the order they were generated: keys
  /// (`width` words each), their hashes, choices, and whether each breaks the property.
  private let batchKeys: WordBuffer
  private let batchHashes: WordBuffer
  private let batchChoices: WordBuffer
  private var batchCount = 0
  private var transitions = 0
  private var memo = StepMemo()
  /// Reused by every `Replica.step(_:into:)` and `Client.step(_:into:)` the memo misses.
  private var actions: [Action] = []
  private var outputs: [Client.Output] = []
  private var violating: Int?

  /// Prepares a search of `bounds` (check them with `Bounds.validate()` first).
  public init(bounds: Bounds, stateLimit: Int = 40_000_000) {
    precondition(bounds.validate() == nil, bounds.validate() ?? "")
    self.bounds = bounds
    self.stateLimit = stateLimit
    codec = Codec(bounds: bounds)
    clientTable = ClientTable(bounds: bounds)
    layout = StateLayout(bounds: bounds, codec: codec, table: clientTable)
    visited = VisitedStates(width: layout.width)
    fields = HeaderFields(layout)
    // Every packet delivered, dropped or duplicated, every retry, gossip, crash and restart.
    let successors = 3 * bounds.maxInFlight + bounds.clients + 3 * bounds.replicas
    batchKeys = WordBuffer(count: successors * layout.width)
    batchHashes = WordBuffer(count: successors)
    batchChoices = WordBuffer(count: successors)
    next = batchKeys.words
    base = UnsafePointer(next)
    issuedStride = clientTable.issued.map(\.count).max() ?? 0
    var issued = Array(repeating: 0, count: bounds.clients * issuedStride)
    for (client, row) in clientTable.issued.enumerated() {
      for (code, count) in row.enumerated() { issued[client * issuedStride + code] = count }
    }
    self.issued = issued
  }

  /// Words in one encoded state.
  public var wordsPerState: Int { layout.width }

  /// Explores `bounds` completely, or up to the first violation.
  /// - Parameters:
  ///   - progressEvery: how many expanded states between two calls of `progress`.
  /// - Complexity: O(states × transitions per state × words per state).
  public static func explore(
    _ bounds: Bounds, stateLimit: Int = 40_000_000, progressEvery: Int = 1 << 18,
    progress: (Progress) -> Void = { _ in }
  ) -> Exploration {
    var explorer = Explorer(bounds: bounds, stateLimit: stateLimit)
    return explorer.run(progressEvery: progressEvery, progress: progress)
  }

  /// Runs the search; see `explore(_:stateLimit:progressEvery:progress:)`.
  public mutating func run(
    progressEvery: Int = 1 << 18, progress: (Progress) -> Void = { _ in }
  ) -> Exploration {
    visited.makeUnique()
    initialWorld()
    emit(0)
    _ = commit(parent: -1)
    transitions = 0
    var head = 0
    var levelEnd = 1
    var depth = 0
    var truncated = false
    while head < visited.count, violating == nil {
      if head == levelEnd {
        depth += 1
        levelEnd = visited.count
      }
      expand(head)
      head += 1
      if head % progressEvery == 0 {
        progress(Progress(states: visited.count, transitions: transitions, depth: depth))
      }
      if visited.count >= stateLimit, head < visited.count {
        truncated = true
        break
      }
    }
    let deepest = visited.count > levelEnd ? depth + 1 : depth
    return Exploration(
      bounds: bounds, states: visited.count, transitions: transitions, depth: deepest,
      isTruncated: truncated, counterexample: violating.map(counterexample),
      wordsPerState: layout.width)
  }

  // MARK: - Expanding one state

  private mutating func expand(_ index: Int) {
    base = visited.state(index)
    baseCount = 0
    while baseCount < bounds.maxInFlight, base[layout.headerWords + baseCount] != 0 {
      baseCount += 1
    }
    batchCount = 0
    let count = baseCount
    let packets = base + layout.headerWords
    let room = bounds.maxInFlight - count
    // Equal packets are interchangeable: try each distinct one once (`flight` is sorted).
    for position in 0..<count where isFirstCopy(position) {
      let packet = packets[position]
      load(removing: position)
      deliver(packet)
      emit(Codec.deliverChoice | packet)
    }
    if fields.used(base, .drops) < bounds.drops {
      for position in 0..<count where isFirstCopy(position) {
        load(removing: position)
        fields.spend(next, .drops)
        emit(Codec.dropChoice | packets[position])
      }
    }
    if fields.used(base, .duplicates) < bounds.duplicates, room > 0 {
      for position in 0..<count where isFirstCopy(position) {
        load()
        sendPacket(packets[position])
        fields.spend(next, .duplicates)
        emit(Codec.duplicateChoice | packets[position])
      }
    }
    if fields.used(base, .retries) < bounds.retries, room > 0 {
      for client in 0..<bounds.clients where fields.isPending(base, client) {
        load()
        fields.spend(next, .retries)
        fireRetry(client)
        emit(Codec.retryChoice | UInt64(client))
      }
    }
    if fields.used(base, .gossips) < bounds.gossips, room >= bounds.replicas - 1 {
      for replica in 0..<bounds.replicas where fields.isUp(base, replica) {
        load()
        fields.spend(next, .gossips)
        step(replica, Self.gossipInput)
        emit(Codec.gossipChoice | UInt64(replica))
      }
    }
    if fields.used(base, .crashes) < bounds.crashes {
      for replica in 0..<bounds.replicas where fields.isUp(base, replica) {
        load()
        fields.spend(next, .crashes)
        fields.setUp(next, replica, false)
        fields.setTally(next, replica, 0)  // volatile state is gone
        emit(Codec.crashChoice | UInt64(replica))
      }
    }
    if room >= bounds.replicas - 1 {
      for replica in 0..<bounds.replicas where !fields.isUp(base, replica) {
        load()
        fields.setUp(next, replica, true)
        fields.setTally(next, replica, layout.tracksDisks ? fields.disk(next, replica) : 0)
        step(replica, Self.restartInput)
        emit(Codec.restartChoice | UInt64(replica))
      }
    }
    _ = commit(parent: index)
  }

  /// Whether `base`'s packet at `position` is the first of its equal copies (they are sorted).
  @inline(__always)
  private func isFirstCopy(_ position: Int) -> Bool {
    let packets = base + layout.headerWords
    return position == 0 || packets[position - 1] != packets[position]
  }

  /// Makes `next`, the next batch slot, a copy of `base`, without its packet at `position` if
  /// there is one.
  @inline(__always)
  private mutating func load(removing position: Int = -1) {
    let width = layout.width
    precondition(batchCount < batchChoices.count, "more successors than the batch holds")
    next = batchKeys.words + batchCount * width
    next.update(from: base, count: width)
    flightCount = baseCount
    guard position >= 0 else { return }
    let packets = next + layout.headerWords
    for index in position..<baseCount - 1 { packets[index] = packets[index + 1] }
    packets[baseCount - 1] = 0
    flightCount -= 1
  }

  /// Puts `packet` in flight in `next`, keeping the packets sorted.
  @inline(__always)
  private mutating func sendPacket(_ packet: UInt64) {
    let words = next + layout.headerWords
    var index = flightCount
    precondition(index < bounds.maxInFlight, "more packets in flight than the bounds allow")
    while index > 0, words[index - 1] > packet {
      words[index] = words[index - 1]
      index -= 1
    }
    words[index] = packet
    flightCount += 1
  }

  /// Adds the transition to `next` by `choice` to the batch of the state being expanded.
  @inline(__always)
  private mutating func emit(_ choice: UInt64) {
    batchHashes.words[batchCount] = VisitedStates.hash(next, layout.width)
    batchChoices.words[batchCount] = choice
    batchCount += 1
  }

  /// Inserts the batch in order, as if each transition were taken alone, stopping at the first
  /// new state that breaks the property; returns whether it found one.
  private mutating func commit(parent: Int) -> Bool {
    let width = layout.width
    let count = batchCount
    batchCount = 0
    let keys = batchKeys.words
    let hashes = batchHashes.words
    visited.touch(hashes, count)
    for successor in 0..<count {
      transitions += 1
      let (index, isNew) = visited.insert(keys + successor * width, hash: hashes[successor])
      guard isNew else { continue }
      parents.append(Int32(parent))
      via.append(batchChoices.words[successor])
      if breaksNoDoubleCounting(keys + successor * width) {
        violating = index
        return true
      }
    }
    return false
  }

  /// The checker's rule for *no double counting*, on a whole state: some running replica's
  /// value exceeds the distinct increments issued (values only change when a replica steps, and
  /// issued only grows, so checking every new state sees every change the checker would).
  @inline(__always)
  private func breaksNoDoubleCounting(_ header: UnsafePointer<UInt64>) -> Bool {
    var issued = 0
    for client in 0..<bounds.clients {
      issued += self.issued[client * issuedStride + Int(fields.code(header, client))]
    }
    for replica in 0..<bounds.replicas where fields.isUp(header, replica) {
      if codec.value(fields.tally(header, replica)) > issued { return true }
    }
    return false
  }

  // MARK: - Interpreting the pure steps (as ScheduledRun does)

  /// Builds the initial state in `next`: every replica up, every client started.
  private mutating func initialWorld() {
    next = batchKeys.words
    next.update(repeating: 0, count: layout.width)
    flightCount = 0
    for replica in 0..<bounds.replicas { fields.setUp(next, replica, true) }
    for client in 0..<bounds.clients {
      var fresh = Client(id: ClientID(client), scenario: bounds.scenario)
      let outputs = fresh.step(.started)
      perform(outputs, of: client, now: fresh)
    }
  }

  private mutating func deliver(_ packet: UInt64) {
    switch packet & Codec.kindMask {
    case Codec.requestKind, Codec.syncKind:
      let replica = Codec.receiver(packet)
      guard fields.isUp(next, replica) else { return }  // lost at a replica that is down
      step(replica, packet)
    default:
      stepClient(Codec.receiver(packet), packet)
    }
  }

  private mutating func fireRetry(_ client: Int) {
    fields.setPending(next, client, false)
    stepClient(client, Self.retryInput)
  }

  private mutating func perform(_ outputs: [Client.Output], of client: Int, now state: Client) {
    if !outputs.isEmpty { fields.setPending(next, client, false) }  // the client moved on
    for output in outputs {
      switch output {
      case .send(.incrementRequested(let request, _), let replica):
        sendPacket(Codec.request(client: client, number: request.number, to: replica.index))
      case .send(.synced, _), .send(.timerFired, _), .send(.restarted, _):
        break  // a client never sends these
      case .startTimer:
        fields.setPending(next, client, true)
      case .issued, .acknowledged, .finished:
        break  // the client's code carries them
      }
    }
    fields.setCode(next, client, UInt64(clientTable.code(state)))
  }

  // Memo inputs besides packet words (whose kind sits in bits 56-57).
  private static let gossipInput: UInt64 = 1 << 60
  private static let restartInput: UInt64 = 2 << 60
  private static let retryInput: UInt64 = 1 << 60

  /// Steps client `client` of `next` on `input` (an ack packet or `retryInput`), through the
  /// memo: `Client.step` runs once per distinct (client state, input).
  @inline(__always)
  private mutating func stepClient(_ client: Int, _ input: UInt64) {
    let state = 1 << 63 | UInt64(client) << 56 | fields.code(next, client)
    let found = memo.find(state, input) ?? stepClientOnce(client, input, state)
    let effect = memo.effects[found]
    if effect.moved { fields.setPending(next, client, false) }  // the client moved on
    if effect.startsTimer { fields.setPending(next, client, true) }
    send(effect)
    fields.setCode(next, client, effect.state)
  }

  private mutating func stepClientOnce(_ client: Int, _ input: UInt64, _ key: UInt64) -> Int {
    var state = clientTable.states[client][Int(fields.code(next, client))]
    let message: Client.Input
    if input == Self.retryInput {
      message = .timerFired(.retry(state.request, attempt: state.attempt))
    } else {
      let request = RequestID(client: ClientID(client), number: Int(Codec.payload(input)))
      message = .replied(.incremented(request), from: ReplicaID(Codec.sender(input)))
    }
    outputs.removeAll(keepingCapacity: true)
    state.step(message, into: &outputs)
    var effect = StepEffect(
      state: UInt64(clientTable.code(state)), disk: 0, persists: false,
      moved: !outputs.isEmpty, startsTimer: false, first: 0, count: 0)
    var sent: [UInt64] = []
    for output in outputs {
      switch output {
      case .send(.incrementRequested(let request, _), let replica):
        sent.append(Codec.request(client: client, number: request.number, to: replica.index))
      case .send(.synced, _), .send(.timerFired, _), .send(.restarted, _):
        break  // a client never sends these
      case .startTimer:
        effect.startsTimer = true
      case .issued, .acknowledged, .finished:
        break  // the client's code carries them
      }
    }
    return memo.add(key, input, effect, sent: sent)
  }

  /// Steps replica `index` of `next` on `input` (a request or sync packet, `gossipInput` or
  /// `restartInput`), through the memo: `Replica.step` runs once per distinct (tally, input).
  @inline(__always)
  private mutating func step(_ index: Int, _ input: UInt64) {
    let state = UInt64(index) << 56 | fields.tally(next, index)
    let found = memo.find(state, input) ?? stepReplicaOnce(index, input, state)
    let effect = memo.effects[found]
    if effect.persists, layout.tracksDisks { fields.setDisk(next, index, effect.disk) }
    send(effect)
    fields.setTally(next, index, effect.state)
  }

  private mutating func stepReplicaOnce(_ index: Int, _ input: UInt64, _ key: UInt64) -> Int {
    var replica = codec.replica(index, restoring: fields.tally(next, index))
    let message: Message
    switch input & Codec.kindMask {
    case Codec.requestKind:
      let client = ClientID(Codec.sender(input))
      let request = RequestID(client: client, number: Int(Codec.payload(input)))
      message = .incrementRequested(request, from: client)
    case Codec.syncKind:
      message = .synced(
        codec.unpack(Codec.payload(input)), from: ReplicaID(Codec.sender(input)))
    default:
      message = input == Self.gossipInput ? .timerFired(.gossip) : .restarted
    }
    actions.removeAll(keepingCapacity: true)
    replica.step(message, into: &actions)
    var effect = StepEffect(
      state: codec.pack(replica.tally), disk: 0, persists: false, moved: false,
      startsTimer: false, first: 0, count: 0)
    var sent: [UInt64] = []
    for action in actions {
      switch action {
      case .send(.synced(let tally, _), let peer):
        sent.append(Codec.sync(codec.pack(tally), from: index, to: peer.index))
      case .send(.incrementRequested, _), .send(.timerFired, _), .send(.restarted, _):
        break  // a replica never sends these
      case .reply(.incremented(let request), let client):
        sent.append(Codec.ack(client: client.index, number: request.number, from: index))
      case .startTimer:
        break  // the gossip timer is pending whenever the replica is up
      case .persist(let tally):
        effect.persists = true
        effect.disk = codec.pack(tally)
      }
    }
    return memo.add(key, input, effect, sent: sent)
  }

  /// Puts the packets `effect` sent in flight in `next`.
  @inline(__always)
  private mutating func send(_ effect: StepEffect) {
    var packet = Int(effect.first)
    let end = packet + Int(effect.count)
    while packet < end {
      sendPacket(memo.packets[packet])
      packet += 1
    }
  }

  // MARK: - The counterexample

  private func counterexample(_ index: Int) -> Exploration.Counterexample {
    var words: [UInt64] = []
    var current = index
    while current > 0 {
      words.append(via[current])
      current = Int(parents[current])
    }
    let choices = words.reversed().map(codec.choice)
    return Exploration.Counterexample(
      property: .noDoubleCounting, depth: choices.count,
      schedule: Schedule(scenario: bounds.scenario, design: bounds.design, choices: choices))
  }
}
