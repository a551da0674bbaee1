import CounterSpec
import Foundation
import Level1RPC

/// `workshop level1`: the 0/1/2 demo, and a server and a client to try by hand.
enum Level1Command {
  static let help = """
    workshop level1: naive RPC. One increment() over TCP becomes 0, 1 or 2 increments.

    usage:
      swift run workshop level1                 run the scripted demo: 5 failure points x 2 policies
      swift run workshop level1 serve [--port P] [--reply-delay-ms D] [--idle-timeout-ms I]
      swift run workshop level1 call --port P increment|value [--timeout-ms T] [--retries K]

    options of the demo:
      --timeout-ms T   client timeout per attempt (default 100)

    Try it in two terminals: `serve --port 7001 --reply-delay-ms 3000`, then
    `call --port 7001 increment --retries 1`, and kill the server while the call waits.
    """

  static let serveHelp = """
    workshop level1 serve: a counter server on 127.0.0.1, until you stop it (Ctrl-C).

    usage: swift run workshop level1 serve [--port P] [--reply-delay-ms D] [--idle-timeout-ms I]

      --port P             port to listen on; 0 (the default) picks a free one and prints it
      --reply-delay-ms D   wait D ms after applying an increment before replying (default 0),
                           so you have time to kill the server mid-call
      --idle-timeout-ms I  close connections silent for I ms (default 30000)
    """

  static let callHelp = """
    workshop level1 call: one remote call to a counter server on 127.0.0.1.

    usage: swift run workshop level1 call --port P increment|value [--timeout-ms T] [--retries K]
                                                                    [--id c0#1]

      --port P         the server's port (required)
      --timeout-ms T   how long to wait for each attempt (default 1000)
      --retries K      how many times to send the call again after a timeout or a broken
                       connection (default 0: give up)
      --id c0#1        send the increment with this request ID (every retry carries it too);
                       `workshop level1 serve` counts it anyway: its ledger counts every call

    Prints the reply and what the client saw; exits 1 if the call failed.
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    switch arguments.positional() {
    case nil:
      if arguments.wantsHelp() {
        say(help)
        return 0
      }
      let timeout = try arguments.int("--timeout-ms", default: 100, in: 10...10_000)
      try arguments.finish()
      try demo(timeoutMs: timeout)
      return 0
    case "serve":
      return try serve(&arguments)
    case "call":
      return try call(&arguments)
    case let other?:
      throw UsageError("level1: unknown subcommand '\(other)' (try level1 --help)")
    }
  }

  /// Runs the demo and prints the table, the replication line, and the summary line last.
  @discardableResult
  static func demo(timeoutMs: Int = 100) throws -> [PartialFailureDemo.Row] {
    let timeout = Duration.milliseconds(timeoutMs)
    say("Level 1: one increment() through a relay that breaks the first call, one fresh server")
    say("per case, client timeout \(timeoutMs) ms.")
    let rows = try PartialFailureDemo.runAll(timeout: timeout)
    say("")
    for line in PartialFailureDemo.table(rows) { say("  " + line) }
    say("")
    let replication = try ReplicationDemo.run(timeout: timeout)
    say("Replication, the Level 1 way (primary forwards each increment to a backup by RPC,")
    say("the backup's first reply is lost, the primary retries):")
    say("  " + replication.summary)
    for violation in replication.violations { say("  !! \(violation)") }
    say("")
    say(PartialFailureDemo.summary(rows))
    return rows
  }

  private static func serve(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(serveHelp)
      return 0
    }
    let port = try arguments.int("--port", default: 0, in: 0...65_535)
    let delay = try arguments.int("--reply-delay-ms", default: 0, in: 0...600_000)
    let idle = try arguments.int("--idle-timeout-ms", default: 30_000, in: 10...3_600_000)
    try arguments.finish()
    let server: CounterServer
    do {
      server = try CounterServer(
        port: UInt16(port), idleTimeout: .milliseconds(idle), replyDelay: .milliseconds(delay),
        log: { say("level1 serve: \($0)") })
    } catch {
      printError("workshop: level1 serve: \(error)")
      return 1
    }
    say("level1 serve: listening on 127.0.0.1:\(server.port) (Ctrl-C to stop)")
    // Serve until the process is killed; the server's threads do the work.
    while true { sleep(3600) }
  }

  private static func call(_ arguments: inout Arguments) throws -> Int32 {
    if arguments.wantsHelp() {
      say(callHelp)
      return 0
    }
    guard let portText = try arguments.option("--port") else {
      throw UsageError("level1 call: --port P is required (try level1 call --help)")
    }
    guard let port = UInt16(portText), port > 0 else {
      throw UsageError("--port must be a whole number from 1 to 65535, got '\(portText)'")
    }
    let timeout = try arguments.int("--timeout-ms", default: 1000, in: 1...600_000)
    let retries = try arguments.int("--retries", default: 0, in: 0...100)
    guard let word = arguments.positional() else {
      throw UsageError("level1 call: say what to call: increment or value (try --help)")
    }
    guard let request = Request(rawValue: word) else {
      throw UsageError("level1 call: unknown call '\(word)', expected increment or value")
    }
    var id: RequestID?
    if let text = try arguments.option("--id") {
      guard let parsed = RequestID(parsing: Substring(text)) else {
        throw UsageError("--id must be a request ID such as c0#1, got '\(text)'")
      }
      guard request == .increment else {
        throw UsageError("level1 call: --id goes with increment only")
      }
      id = parsed
    }
    try arguments.finish()
    let counter = RemoteCounter(
      port: port, timeout: .milliseconds(timeout),
      policy: retries == 0 ? .giveUp : .retry(times: retries))
    let report = counter.call(request, id: id)
    counter.close()
    switch report.result {
    case .success(.error(let message)):
      printError("workshop: level1 call: the server refused: \(message)")
      return 1
    case .success(let reply):
      say("level1 call: \(reply) (client saw: \(report.summary))")
      return 0
    case .failure(let error):
      var line = "workshop: level1 call: \(error)"
      if report.attempts > 1 { line = "workshop: level1 call: \(report.summary)" }
      if case .connectionRefused = error { line += " (is `workshop level1 serve` running?)" }
      if request == .increment && error != .connectionRefused(port: port) {
        line += "; the increment may or may not have been applied"
      }
      printError(line)
      return 1
    }
  }
}
