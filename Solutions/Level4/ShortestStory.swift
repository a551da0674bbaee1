import CounterSpec
import Level3Pure

/// Exercises 4.1 and 4.2, solved.
public enum ShortestStory {
  static let c0 = ClientID(0)
  static let c1 = ClientID(1)
  static let r0 = ReplicaID(0)
  static let r1 = ReplicaID(1)

  /// Exercise 4.1, six choices: two requests wait at r0, the first write acknowledges both, and
  /// a crash loses the second one's write.
  public static func choices() throws -> [Choice] {
    let mine = RequestID(client: c0, number: 1)
    let theirs = RequestID(client: c1, number: 1)
    return [
      .deliver(.request(mine, to: r0)),  // a write of {c0#1} in flight
      .fire(.client(c1, .retry(theirs, attempt: 1))),  // c1 tries r0 too
      .deliver(.request(theirs, to: r0)),  // a write of {c0#1,c1#1} in flight
      .completeWrite(r0),  // the first write: c1#1 is acknowledged with it
      .deliver(.ack(theirs, from: r0, to: c1)),
      .crash(r0),  // the second write is lost, and r1 never heard of c1#1
    ]
  }

  /// Exercise 4.2, eight choices: c0's two increments go to r0; r0's only gossip is lost; then
  /// r0 has nothing new to say, so it says nothing, and r1 stays at 0.
  public static func silence() throws -> [Choice] {
    let first = RequestID(client: c0, number: 1)
    let second = RequestID(client: c0, number: 2)
    let both = Tally(slots: [0, 0], known: RequestSet([first, second]))
    return [
      .deliver(.request(first, to: r0)),
      .completeWrite(r0),
      .deliver(.ack(first, from: r0, to: c0)),
      .deliver(.request(second, to: r0)),
      .fire(.replica(r0, .gossip)),
      .drop(.sync(both, from: r0, to: r1)),
      .completeWrite(r0),
      .deliver(.ack(second, from: r0, to: c0)),
    ]
  }
}
