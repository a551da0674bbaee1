/// What one pure step did to the packed world, remembered so the step runs once per input.
///
/// `Replica.step` and `Client.step` are pure: the same state and the same input always give
/// the same new state and the same actions. The explorer meets the same (state, input) pair
/// millions of times, so it steps each distinct pair once, through the unchanged Level 3 code,
/// and replays the packed effect afterwards.
struct StepEffect {
  /// The new packed tally (replicas) or client code (clients).
  var state: UInt64
  /// The last tally the step persisted (replicas, when `persists`).
  var disk: UInt64
  /// Whether the step persisted its tally (replicas).
  var persists: Bool
  /// Whether the step returned any output (clients: the client moved on).
  var moved: Bool
  /// Whether the step started a retry timer (clients).
  var startsTimer: Bool
  /// The packets sent are `StepMemo.packets[first ..< first + count]`.
  var first: Int32
  var count: Int32
}

/// A map from (state, input) word pairs to `StepEffect`s: open addressing, our own stable hash,
/// no `Dictionary` (nothing here depends on the process's hash seed).
struct StepMemo {
  private var keys: [UInt64]
  private var slots: [Int32]
  private var mask: Int
  private(set) var effects: [StepEffect] = []
  /// The packets of every effect, back to back.
  private(set) var packets: [UInt64] = []

  init() {
    let size = 1 << 10
    keys = Array(repeating: 0, count: size * 2)
    slots = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// The effect stored for `(state, input)`, if any.
  @inline(__always)
  func find(_ state: UInt64, _ input: UInt64) -> Int? {
    var slot = Self.slot(state, input, mask)
    while true {
      let entry = slots[slot]
      if entry < 0 { return nil }
      if keys[2 &* slot] == state, keys[2 &* slot &+ 1] == input { return Int(entry) }
      slot = (slot &+ 1) & mask
    }
  }

  /// Stores `effect` with its `sent` packets for `(state, input)`; returns its index.
  mutating func add(_ state: UInt64, _ input: UInt64, _ effect: StepEffect, sent: [UInt64])
    -> Int
  {
    if (effects.count + 1) * 2 > slots.count { grow() }
    var effect = effect
    effect.first = Int32(packets.count)
    effect.count = Int32(sent.count)
    packets.append(contentsOf: sent)
    effects.append(effect)
    place(state, input, Int32(effects.count - 1))
    return effects.count - 1
  }

  private mutating func place(_ state: UInt64, _ input: UInt64, _ index: Int32) {
    var slot = Self.slot(state, input, mask)
    while slots[slot] >= 0 { slot = (slot + 1) & mask }
    slots[slot] = index
    keys[2 * slot] = state
    keys[2 * slot + 1] = input
  }

  private mutating func grow() {
    let old = (keys, slots)
    let size = slots.count * 2
    keys = Array(repeating: 0, count: size * 2)
    slots = Array(repeating: -1, count: size)
    mask = size - 1
    for slot in 0..<old.1.count where old.1[slot] >= 0 {
      place(old.0[2 * slot], old.0[2 * slot + 1], old.1[slot])
    }
  }

  @inline(__always)
  private static func slot(_ state: UInt64, _ input: UInt64, _ mask: Int) -> Int {
    var hash = (state ^ 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
    hash = (hash ^ (hash >> 31) ^ input) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
  }
}
