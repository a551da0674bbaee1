import CounterSpec
import Level3Pure

/// Every state a client can be in, numbered, so a global state stores a small code per client.
///
/// `Client` keeps its progress private, so the explorer cannot build one in a given state; it
/// reaches each state once, up front, by feeding the real `Client.step` acknowledgements and
/// timer firings, and then copies values from this table.
struct ClientTable {
  /// `states[client][code]`.
  let states: [[Client]]
  /// `issued[client][code]`: how many distinct increments the client has issued in that state.
  let issued: [[Int]]
  let maxAttempts: Int
  /// Bits of one code.
  let codeBits: Int

  init(bounds: Bounds) {
    let scenario = bounds.scenario
    maxAttempts = bounds.maxAttempts
    let size = 1 + bounds.increments * bounds.maxAttempts
    codeBits = Bounds.bitWidth(size - 1)
    var states: [[Client]] = []
    for id in scenario.clientIDs {
      var row: [Client?] = Array(repeating: nil, count: size)
      var client = Client(id: id, scenario: scenario)
      _ = client.step(.started)
      var frontier = [client]
      while let current = frontier.popLast() {
        let code = Self.code(current, maxAttempts: bounds.maxAttempts)
        guard row[code] == nil else { continue }
        row[code] = current
        guard !current.isFinished else { continue }
        var acked = current
        _ = acked.step(.replied(.incremented(current.request), from: ReplicaID(0)))
        var timed = current
        _ = timed.step(.timerFired(.retry(current.request, attempt: current.attempt)))
        frontier.append(acked)
        frontier.append(timed)
      }
      states.append(row.map { $0 ?? Client(id: id, scenario: scenario) })
    }
    self.states = states
    issued = states.map { row in row.map(\.number) }
  }

  /// 0 when finished, else `1 + (number - 1) * maxAttempts + attempt`.
  @inline(__always)
  func code(_ client: Client) -> Int { Self.code(client, maxAttempts: maxAttempts) }

  static func code(_ client: Client, maxAttempts: Int) -> Int {
    client.isFinished ? 0 : 1 + (client.number - 1) * maxAttempts + client.attempt
  }
}
