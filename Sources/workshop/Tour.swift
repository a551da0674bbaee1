import CounterSpec

/// `swift run workshop` with no arguments: every level's demo, measured live, and the map.
enum Tour {
  static let map = """
    The levels (course text in Levels/, code in Sources/):
      0  clueless       Levels/0-Clueless.md
      1  RPC            Levels/1-RPC.md            Sources/Level1RPC
      2  async + actors Levels/2-AsyncMessaging.md Sources/Level2Messaging
      3  purity         Levels/3-Purity.md         Sources/Level3Pure
      4  exhaustive     Levels/4-Exhaustive.md     Sources/Level4Exhaustive
    """

  static func run() throws -> Int32 {
    say("Which Level: one replicated counter, four programming models.")
    say("Default scenario: \(Scenario.default)")
    say("")
    try Level1Command.demo()
    say("")
    try Level2Command.tour()
    say("")
    say(map)
    return 0
  }
}
