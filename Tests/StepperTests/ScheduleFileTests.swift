import CounterSpec
import Level3Pure
import Testing

/// The schedule file: written and read back exactly, and a corrupt file is a one-line error
/// naming its line, never a crash.
@Suite struct ScheduleFileTests {
  static let everyKind: [Choice] = [
    .deliver(.request(RequestID(client: ClientID(0), number: 1), to: ReplicaID(1))),
    .drop(
      .sync(
        Tally(slots: [1, 0, 2], known: RequestSet([RequestID(client: ClientID(1), number: 3)])),
        from: ReplicaID(2), to: ReplicaID(0))),
    .duplicate(
      .ack(
        RequestID(client: ClientID(1), number: 2), from: ReplicaID(0),
        to: ClientID(1))),
    .deliver(.sync(Tally(replicas: 3), from: ReplicaID(0), to: ReplicaID(1))),
    .fire(.replica(ReplicaID(2), .gossip)),
    .fire(.client(ClientID(1), .retry(RequestID(client: ClientID(1), number: 4), attempt: 3))),
    .completeWrite(ReplicaID(1)), .crash(ReplicaID(0)), .restart(ReplicaID(2)),
    .cut(from: ReplicaID(0), to: ReplicaID(2)), .heal,
  ]

  @Test(arguments: everyKind)
  func everyChoiceReadsBackFromItsText(choice: Choice) throws {
    #expect(try Choice(parsing: choice.description) == choice)
  }

  @Test func aScheduleReadsBackExactly() throws {
    let scenario = Scenario(
      replicas: 3, clients: 2, incrementsPerClient: 4, maxAttempts: 3, dropRate: 0,
      duplicateRate: 0, seed: 11)
    let schedule = Schedule(scenario: scenario, protocolName: "fixed", choices: Self.everyKind)
    let text = schedule.fileText
    #expect(try Schedule(parsing: text) == schedule)
    #expect(try Schedule(parsing: text).fileText == text)
  }

  @Test func aSimulatorRunReadsBackAndReplaysTheSame() throws {
    let outcome = Simulator<FlawedReplica>.run(Scenario.default.seeded(1))
    let read = try Schedule(parsing: outcome.schedule.fileText)
    #expect(read.choices == outcome.choices)
    #expect(read.protocolName == "flawed")
    #expect(read.fileText == outcome.schedule.fileText)
    // Fault rates are not written: the choices replace them, so the replay is the same.
    #expect(read.replay(FlawedReplica.self) == outcome.schedule.replay(FlawedReplica.self))
    #expect(read.replay(FlawedReplica.self).violation == outcome.violation)
  }

  @Test func commentsAndBlankLinesAreIgnored() throws {
    let text = """
      # my story
      schedule v1

      protocol flawed
      replicas 2
      clients 1
      increments 2
      attempts 2
      timeout-ms 20
      gossip-ms 30
      choices
        # the retry first
      fire c0 retry c0#1 (attempt 1)
      deliver   c0 -> r0    increment c0#1
      """
    let schedule = try Schedule(parsing: text)
    #expect(
      schedule.choices == [
        .fire(.client(ClientID(0), .retry(RequestID(client: ClientID(0), number: 1), attempt: 1))),
        .deliver(.request(RequestID(client: ClientID(0), number: 1), to: ReplicaID(0))),
      ])
    #expect(schedule.scenario.seed == 7)
  }

  static let header =
    "schedule v1\nprotocol flawed\nreplicas 2\nclients 1\nincrements 2\nattempts 2\n"
    + "timeout-ms 20\ngossip-ms 30\nchoices\n"

  static let corrupt: [(String, String)] = [
    ("", "line 1: not a schedule file: it must start 'schedule v1'"),
    ("hello\n", "line 1: not a schedule file: it must start 'schedule v1'"),
    ("schedule v2\n", "line 1: expected 'schedule v1', got 'schedule v2'"),
    (
      "schedule v1\nprotocol flawed\nreplicas two\n",
      "line 3: expected 'replicas N' with N >= 0, got 'replicas two'"
    ),
    ("schedule v1\nprotocol flawed\nweather sunny\n", "line 3: unknown header line 'weather'"),
    ("schedule v1\nprotocol flawed\nchoices\n", "line 3: no 'replicas' line"),
    ("schedule v1\nreplicas 2\nreplicas 3\n", "line 3: 'replicas' given twice"),
    (
      header.replacingOccurrences(of: "replicas 2", with: "replicas 9"),
      "line 3: replicas must be 1...8, got 9"
    ),
    (
      header + "deliver c0 -> r0  increment c0#1\nteleport r0\n",
      "line 11: unknown choice 'teleport' (deliver, drop, duplicate, fire, write, crash, restart, cut, heal)"
    ),
    (header + "crash r5\n", "line 10: no replica r5 in a cluster of 2 replicas"),
    (header + "crash rx\n", "line 10: expected a replica like r0, got 'rx'"),
    (header + "deliver c1 -> r0  increment c1#1\n", "line 10: no client c1 in a run of 1 client"),
    (header + "deliver c0 -> r0  increment c1#1\n", "line 10: c1#1 must come from c1, not c0"),
    (
      header + "deliver r0 -> r1  sync [1,0,0] {c0#1}\n",
      "line 10: tally [1,0,0] {c0#1} has 3 slots for 2 replicas"
    ),
    (
      header + "deliver r0 -> r1  sync [1,x] {c0#1}\n",
      "line 10: a tally's slot must be 0...65535, got 'x'"
    ),
    (
      header + "deliver r0 -> r1  gossip\n",
      "line 10: unknown message 'gossip' (increment, sync, ack)"
    ),
    (
      header + "fire c0 retry c0#99 (attempt 1)\n",
      "line 10: expected a request like c0#1 (numbers 1...64), got 'c0#99'"
    ),
    (
      header + "fire r0\n",
      "line 10: expected 'fire rN gossip' or 'fire cN retry cN#K (attempt A)', got 'fire r0'"
    ),
    (header + "heal now\n", "line 10: expected 'heal' alone, got 'heal now'"),
    (header + "write \u{7}r0\n", "line 10: control character in a schedule"),
  ]

  @Test(arguments: corrupt)
  func aCorruptFileIsOneLineNamingItsLine(text: String, expected: String) {
    #expect(throws: TraceParseError.self) { try Schedule(parsing: text) }
    do {
      _ = try Schedule(parsing: text)
    } catch {
      #expect(error.description == expected)
      #expect(!error.description.contains("\n"))
    }
  }

  /// Mangled files (bytes flipped, lines cut and swapped) throw or parse; they never crash.
  @Test func mangledFilesNeverCrash() throws {
    let valid = Simulator<FlawedReplica>.run(Scenario.default.seeded(1)).schedule.fileText
    var generator = SeededGenerator(seed: 42)
    let alphabet = Array("rc#0123456789 ->[]{},()x\n")
    var parsed = 0
    for _ in 0..<300 {
      var characters = Array(valid)
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let index = Int.random(in: 0..<characters.count, using: &generator)
        characters[index] = alphabet.randomElement(using: &generator)!
      }
      if (try? Schedule(parsing: String(characters))) != nil { parsed += 1 }
    }
    // Most single-character changes are caught; some (a digit in a tally) still parse.
    #expect(parsed < 300)
  }
}
