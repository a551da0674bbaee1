import CounterSpec
import Level3Pure

/// Exercise 4.1, solved: the shortest story, in five choices.
public enum ShortestStory {
  /// No fault at all: the retry timer fires while r0's ack is still on its way, the retry reaches
  /// r1 before any gossip, and r0's gossip then adds r0's slot to r1's.
  public static func choices() throws -> [Choice] {
    let c0 = ClientID(0)
    let r0 = ReplicaID(0)
    let r1 = ReplicaID(1)
    let first = RequestID(client: c0, number: 1)
    let r0Knows = Tally(slots: [1, 0], known: RequestSet([first]))
    return [
      .deliver(.request(first, to: r0)),  // r0 counts c0#1 in its slot; its ack is slow
      .fire(.client(c0, .retry(first, attempt: 1))),  // c0 retries at the next replica
      .deliver(.request(first, to: r1)),  // r1 has not heard of c0#1: counts it in *its* slot
      .fire(.replica(r0, .gossip)),  // r0 tells r1 what it knows
      .deliver(.sync(r0Knows, from: r0, to: r1)),  // r1: slots [1,1], value 2 > 1 issued
    ]
  }
}
