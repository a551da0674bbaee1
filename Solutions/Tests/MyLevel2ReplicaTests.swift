import CounterSpec
import Exercises
import Level2Messaging
import Testing

// Exercise 2.3, our rerun test: 50 runs or 30 seconds, whichever comes first, and not one may
// break a property. It passes, run after run. (The flawed replica breaks about 3 runs in 10, so
// it would pass 50 runs in a row with probability 0.7^50, about 2 in 10 million.)

@Suite struct MyLevel2ReplicaTests {
  @Test(.timeLimit(.minutes(1)))
  func myFixSurvivesReruns() throws {
    let clock = ContinuousClock()
    let start = clock.now
    var runs = 0
    while runs < 50, clock.now - start < .seconds(30) {
      let seed = UInt64(runs)
      let result = try Level2Run.run(Scenario.default.seeded(seed), handlers: MyLevel2Replica.self)
      #expect(result.violation == nil, "seed \(seed): \(String(describing: result.violation))")
      runs += 1
    }
    #expect(runs >= 10, "only \(runs) runs fit in 30 s")
  }
}
