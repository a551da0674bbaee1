import CounterSpec
import ExerciseKit
import Level3Pure

// Exercise 3.1: convert, don't transcribe.
//
// Below, as comments, are the Level 2 replica's handlers (Sources/Level2Messaging/Replica.swift):
// each one decides, changes the state, sends and records, all in one place, on a thread with a
// real timer. Turn them into a pure step: the same decisions, with every effect returned as a
// `ReplicaAction` value, and every event (a timer, a disk write finishing) arriving as a
// `ReplicaInput`. No clock, no randomness, no threads, no I/O, and no `Set` or `Dictionary`
// order in what you return.
//
// Step 1 (stage = .flaw): reproduce Level 2's behaviour, flaw included. The check compares your
//   step with Level 2's (Level3Pure.FlawedReplica, input by input), then puts it under the
//   simulator and the explorer, and shows you the story they find, with a replay command.
//   Level 2 has no disk: at Level 3, start a write (`.persist` of the whole tally) right after
//   counting a new request, before acknowledging it; nothing else writes, and `.persisted` does
//   nothing.
// Step 2 (stage = .fix): fix it. The check sweeps 3 cluster sizes x 2 gossip intervals with every
//   fault (crashes and partitions too), runs the explorer and one live run on real threads.
//
// swift run workshop verify 3.1 checks it. Course text: Levels/3-Purity.md.
//
// ---- Level 2, for reference (Replica.swift) --------------------------------------------------
//
//   private func runLoop(origin: DispatchTime) {          // the gossip timer: a real deadline
//     var nextGossip = origin.uptimeNanoseconds + gossipIntervalNanoseconds
//     while true {
//       if !inbox.isClosed && now >= nextGossip {
//         gossip()
//         repeat { nextGossip += gossipIntervalNanoseconds } while nextGossip <= now
//         continue
//       }
//       switch inbox.take(before: DispatchTime(uptimeNanoseconds: nextGossip)) { ... }
//     }
//   }
//
//   private func increment(_ request: RequestID, from client: ClientID) {
//     state.withLock { state in
//       if state.known.contains(request) {
//         // A retry of something already counted (here, or learned by gossip): just ack again.
//         network.send(.ack(request), from: .replica(id), to: .client(client))
//         return
//       }
//       state.known.insert(request)
//       state.slots[id.index] += 1
//       recorder.observe(
//         .valueChanged(id, to: state.value, cause: request), event: .value(id, state.value))
//       network.send(.ack(request), from: .replica(id), to: .client(client))
//     }
//   }
//
//   private func merge(slots: [Int], known: RequestSet) {   // the larger of each slot, the union
//     state.withLock { state in
//       for index in state.slots.indices where index < slots.count {
//         state.slots[index] = max(state.slots[index], slots[index])
//       }
//       state.known.formUnion(known)
//     }
//   }
//
//   private func gossip() {                                 // the whole state, to every peer
//     state.withLock { state in
//       recorder.record(.timer(.replica(id), name: "gossip"))
//       for peer in peers {                                 // peers: ascending
//         network.send(
//           .sync(slots: state.slots, known: state.known), from: .replica(id), to: .replica(peer))
//       }
//     }
//   }
//
//   (state.value is the sum of the slots.)
// ----------------------------------------------------------------------------------------------
//
// At Level 3 the state `slots` + `known` is one `Tally` (slots, `bump`, `merge`, `known`,
// `total`); a peer's gossip arrives as `.synced(tally, from:)`; the timer is yours to start with
// `.startTimer(.gossip, after: config.gossipInterval)` (on `.started`, and again each time it
// fires); `config.peers(of: id)` lists the peers in ascending order.

/// Your replica as a pure state machine. Start by deleting the `isUnsolvedStub` line.
public struct MyReplica: PureCounterReplica {
  public static let isUnsolvedStub = true  // delete this line when you start

  /// Step 1: `.flaw`. When the check says "step 1 of 2 done", fix it and write `.fix`.
  public static let stage = ConversionStage.flaw

  let id: ReplicaID
  let config: ReplicaConfig

  /// A fresh replica: nothing on its disk.
  public init(id: ReplicaID, config: ReplicaConfig) {
    self.init(id: id, config: config, restoring: nil)
  }

  /// A replica restarted after a crash: only what reached its disk survived.
  public init(id: ReplicaID, config: ReplicaConfig, restoring disk: Tally?) {
    self.id = id
    self.config = config
  }

  public mutating func step(_ input: ReplicaInput, into actions: inout [ReplicaAction]) {
    switch input {
    case .started:
      break  // Level 2 armed its timer when its thread began
    case .requested:
      break  // Level 2: increment(_:from:)
    case .synced:
      break  // Level 2: merge(slots:known:)
    case .timerFired(.gossip):
      break  // Level 2: gossip(), then the loop re-armed the deadline
    case .persisted:
      break  // Level 2 had no disk
    }
  }

  public var value: Int { 0 }

  public var known: RequestSet { RequestSet() }

  public var description: String { "not written yet" }
}
