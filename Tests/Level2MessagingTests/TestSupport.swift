import CounterSpec
import Dispatch
import Foundation

@testable import Level2Messaging

/// A failure inside a test helper: thrown, never `fatalError`, so one bad test cannot take the
/// whole test process down.
struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A deadline `milliseconds` from now.
func deadline(inMilliseconds milliseconds: Int) -> DispatchTime {
  .now() + .milliseconds(milliseconds)
}

/// Polls `condition` every millisecond until it holds; throws once `timeoutMs` has passed.
///
/// Bounded polling is how tests wait for another thread's state; a fixed sleep would either waste
/// time or, on a loaded machine, not be long enough.
func waitUntil(
  timeoutMs: Int = 5_000, _ what: String, _ condition: () -> Bool
) throws {
  let end = deadline(inMilliseconds: timeoutMs)
  while !condition() {
    if DispatchTime.now() >= end { throw TestFailure("timed out after \(timeoutMs) ms: \(what)") }
    Thread.sleep(forTimeInterval: 0.001)
  }
}

/// Takes `count` envelopes from `mailbox`, failing if they do not all arrive within `timeoutMs`.
func receive<Payload: Sendable>(
  _ count: Int, from mailbox: Mailbox<Envelope<Payload>>, timeoutMs: Int = 5_000
) throws -> [Envelope<Payload>] {
  let end = deadline(inMilliseconds: timeoutMs)
  var received: [Envelope<Payload>] = []
  while received.count < count {
    switch mailbox.take(before: end) {
    case .item(let envelope): received.append(envelope)
    case .timedOut:
      throw TestFailure("got \(received.count) of \(count) messages in \(timeoutMs) ms")
    case .closed: throw TestFailure("mailbox closed after \(received.count) of \(count) messages")
    }
  }
  return received
}

extension Level2Run.Result {
  /// Requests that more than one replica counted in its own slot: the flaw's signature.
  var requestsCountedByTwoReplicas: [RequestID] {
    var countedBy: [RequestID: Set<ReplicaID>] = [:]
    for case .valueChanged(let replica, _, let cause?) in observations {
      countedBy[cause, default: []].insert(replica)
    }
    return countedBy.filter { $0.value.count > 1 }.keys.sorted()
  }
}

/// `part` of `whole` as a whole percentage, for the rates tests print.
func percent(_ part: Int, of whole: Int) -> Int {
  whole == 0 ? 0 : Int((Double(part) * 100 / Double(whole)).rounded())
}
