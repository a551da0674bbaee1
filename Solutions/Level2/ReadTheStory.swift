import CounterSpec

/// Exercise 2.2, solved: find the request two replicas each counted.
public enum ReadTheStory {
  /// A replica *applied* a request when its value changed right after the request was delivered
  /// to it. Returns the first request applied by two replicas, in trace order.
  public static func doubleCounted(in trace: Trace) throws -> RequestID? {
    var pending: [NodeID: RequestID] = [:]  // looked up only, never iterated
    var appliedBy: [RequestID: Int] = [:]
    for event in trace.events {
      switch event.kind {
      case .deliver(.client, let to, let message):
        pending[to] = request(in: message)
      case .deliver(_, let to, _):
        pending[to] = nil
      case .value(let replica, _):
        guard let request = pending.removeValue(forKey: .replica(replica)) else { continue }
        appliedBy[request, default: 0] += 1
        if appliedBy[request] == 2 { return request }
      default:
        continue
      }
    }
    return nil
  }

  /// `increment c0#1` → `c0#1`; anything else → `nil`.
  static func request(in message: String) -> RequestID? {
    let words = message.split(separator: " ")
    guard words.count == 2, words[0] == "increment", words[1].hasPrefix("c") else { return nil }
    let parts = words[1].dropFirst().split(separator: "#")
    guard parts.count == 2, let client = Int(parts[0]), let number = Int(parts[1]) else {
      return nil
    }
    return RequestID(client: ClientID(client), number: number)
  }
}
