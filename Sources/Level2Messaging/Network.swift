import CounterSpec
import Dispatch
import Synchronization

/// An in-process network that delays (with real time), drops, duplicates and reorders messages.
///
/// This is the transport layer of a Level 2 program: handlers call `send` and carry on; one wire
/// thread puts each message into the receiver's mailbox once its random delay has passed.
///
/// Every random choice comes from one generator seeded by the scenario and shared under a lock.
/// The seed fixes the generator's sequence, but not which message gets which draw: that depends
/// on the order in which threads reach `send`, and on *when* they do, because the generator also
/// moves on by itself, one draw per `tick` of real time (think of it as the network's weather,
/// fixed by the seed, which each message walks into at the microsecond its thread sends it). The
/// operating system decides those microseconds, so the same seed does not replay a run.
///
/// The network is generic over the payload and knows nothing of the counter, so Level 3's
/// real-time runtime can run its pure step function over the same transport. It records one trace
/// event per delivery, drop and duplicate, with the payload's text.
///
/// Lifecycle: `register` every node, `start()`, `send` freely, then `shutdown(before:)`, which
/// stops the wire thread and discards what is still in flight.
public final class Network<Payload: Sendable>: Sendable {
  // One copy of a message, waiting for its delivery time.
  private struct InFlight: Sendable {
    var envelope: Envelope<Payload>
    var text: String
    var isExtraCopy: Bool
    var mailbox: Mailbox<Envelope<Payload>>
  }

  private struct State {
    var generator: SeededGenerator
    var faultsEnabled = true
    var mailboxes: [NodeID: Mailbox<Envelope<Payload>>] = [:]  // looked up only, never iterated
    var origin: UInt64?  // when `start()` ran; ticks count from here
    var ticksTaken: UInt64 = 0
    var stopped = false
    var statistics = NetworkStatistics()

    /// Moves the generator on by one draw per tick elapsed since `origin`.
    mutating func catchUp(now: UInt64, tick: UInt64) {
      guard tick > 0, let origin, now > origin else { return }
      let ticks = (now - origin) / tick
      while ticksTaken < ticks {
        _ = generator.next()
        ticksTaken += 1
      }
    }
  }

  /// The delays and fault rates in force while faults are enabled.
  public let faults: NetworkFaults
  private let tickNanoseconds: UInt64
  private let state: Mutex<State>
  // The copies in flight. Filled under `state`'s lock, so copies due together are delivered in
  // the order they were sent.
  private let wire = DueThread<InFlight>(name: "network")
  private let recorder: RunRecorder
  private let describe: @Sendable (Payload) -> String

  /// Creates a stopped network.
  /// - Parameters:
  ///   - faults: delays, drop and duplicate rates.
  ///   - seed: seeds the one generator every random choice is drawn from.
  ///   - tick: how much real time moves the generator on by one draw. The default, 5 µs, is finer
  ///     than the operating system's scheduling noise, so no two runs give a message the same
  ///     draws. `.zero` turns the clock off: then only the order of sends decides who gets which
  ///     draw, and runs of one seed mostly end alike (the course text shows both).
  ///   - recorder: where deliveries, drops and duplicates are written.
  ///   - describe: the text of a payload in traces (for example `ack c0#1`).
  public init(
    faults: NetworkFaults, seed: UInt64, tick: Duration = .microseconds(5),
    recorder: RunRecorder,
    describe: @escaping @Sendable (Payload) -> String = { String(describing: $0) }
  ) {
    self.faults = faults
    let (seconds, attoseconds) = tick.components
    self.tickNanoseconds =
      UInt64(max(0, seconds)) * 1_000_000_000
      + UInt64(max(0, attoseconds) / 1_000_000_000)
    self.state = Mutex(State(generator: SeededGenerator(seed: seed)))
    self.recorder = recorder
    self.describe = describe
  }

  /// Creates and returns the mailbox of `node`: messages sent to `node` arrive there.
  public func register(_ node: NodeID) -> Mailbox<Envelope<Payload>> {
    let mailbox = Mailbox<Envelope<Payload>>()
    state.withLock { $0.mailboxes[node] = mailbox }
    return mailbox
  }

  /// Starts the wire thread that delivers messages when they are due, and the generator's clock.
  /// Calling it again does nothing.
  public func start() {
    let first = state.withLock { state in
      guard state.origin == nil, !state.stopped else { return false }
      state.origin = DispatchTime.now().uptimeNanoseconds
      return true
    }
    guard first else { return }
    wire.start { [self] due in deliver(due) }
  }

  /// Sends `payload` from `from` to `to`, returning at once.
  ///
  /// While faults are enabled the message may be lost or duplicated; each copy gets its own random
  /// delay from `faults.delayMs`, so messages overtake each other. A drop is recorded at once,
  /// a delivery (or the extra copy of a duplicate) when it reaches the receiver's mailbox.
  public func send(_ payload: Payload, from: NodeID, to: NodeID) {
    let text = describe(payload)
    let envelope = Envelope(from: from, to: to, payload: payload)
    state.withLock { state in
      guard !state.stopped else { return }
      state.statistics.sent += 1
      let now = DispatchTime.now().uptimeNanoseconds
      state.catchUp(now: now, tick: tickNanoseconds)
      // Every message takes exactly four draws (drop, duplicate, two delays), whatever becomes of
      // it, so a fault rate or the faults switch never shifts the draws of later messages.
      let dropDraw = state.generator.chance(faults.dropRate)
      let duplicateDraw = state.generator.chance(faults.duplicateRate)
      let firstDelay = state.generator.int(in: faults.delayMs)
      let secondDelay = state.generator.int(in: faults.delayMs)
      let faulty = state.faultsEnabled
      guard !(faulty && dropDraw), let mailbox = state.mailboxes[to] else {
        state.statistics.dropped += 1
        recorder.record(.drop(from: from, to: to, message: text))
        return
      }
      var delays = [firstDelay]
      if faulty && duplicateDraw {
        delays.append(secondDelay)
        state.statistics.duplicated += 1
      }
      // The copy that arrives second is the one the trace calls the duplicate.
      for (index, delay) in delays.sorted().enumerated() {
        wire.insert(
          InFlight(envelope: envelope, text: text, isExtraCopy: index == 1, mailbox: mailbox),
          due: now + UInt64(delay) * 1_000_000)
      }
    }
  }

  /// Whether messages may be dropped or duplicated. Delays (and so reordering) stay on. A run
  /// turns faults off after its clients finish, so the replicas can settle.
  public var faultsEnabled: Bool {
    get { state.withLock { $0.faultsEnabled } }
    set { state.withLock { $0.faultsEnabled = newValue } }
  }

  /// What the network did so far.
  public var statistics: NetworkStatistics { state.withLock { $0.statistics } }

  /// Copies of messages still waiting for their delivery time.
  public var inFlightCount: Int { wire.count }

  /// Stops delivering: later sends are ignored and messages in flight are discarded. Waits for the
  /// wire thread to end, but not past `deadline`.
  /// - Returns: whether the wire thread has ended (also `true` if it never started).
  @discardableResult
  public func shutdown(before deadline: DispatchTime) -> Bool {
    state.withLock { $0.stopped = true }  // no send gets past this to the wire any more
    let (ended, discarded) = wire.shutdown(before: deadline)
    state.withLock { $0.statistics.discarded += discarded }
    return ended
  }

  // MARK: - The wire thread

  private func deliver(_ due: [InFlight]) {
    state.withLock { $0.statistics.delivered += due.count }
    for copy in due {
      // Record first, then deliver: the receiver's reaction is always written after it.
      let envelope = copy.envelope
      if copy.isExtraCopy {
        recorder.record(.duplicate(from: envelope.from, to: envelope.to, message: copy.text))
      } else {
        recorder.record(.deliver(from: envelope.from, to: envelope.to, message: copy.text))
      }
      copy.mailbox.put(envelope)
    }
  }
}
