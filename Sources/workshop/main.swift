import Foundation

// The `workshop` command: the tour with no arguments, one subcommand per level, and tools.

let topHelp = """
  workshop: the Which Level course, one replicated counter at every level of the essay
  "The Game of Distributed Systems Programming. Which Level Are You?"

  usage: swift run workshop [subcommand] [options]

    (no subcommand)   the tour: every level's demo, measured live
    level1            naive RPC over TCP: one increment() becomes 0, 1 or 2 increments
    level2            threads and a lossy network: the same seed, many runs, different stories
    level3            a pure step and a simulator: find the flaw by seed, replay it exactly
    level4            every interleaving within small bounds: the shortest counterexample
    verify            your exercises: solved, failing or not started, with hints
    compare A B       two saved traces (--save FILE) side by side, and their first difference
    docs              the course text's outputs, run again and compared (--check, --update)
    bench             performance figures (use swift run -c release workshop bench ...)
    doctor            is this machine ready for the course? (run it the day before)

  Every subcommand takes --help. Bad arguments print one line and exit with status 2.
  """

var arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
let status: Int32
do {
  switch arguments.positional() {
  case nil:
    if arguments.wantsHelp() {
      say(topHelp)
      status = 0
    } else {
      try arguments.finish()
      status = try Tour.run()
    }
  case "level1":
    status = try Level1Command.run(&arguments)
  case "level2":
    status = try Level2Command.run(&arguments)
  case "level3":
    status = try Level3Command.run(&arguments)
  case "level4":
    status = try Level4Command.run(&arguments)
  case "verify":
    status = try VerifyCommand.run(&arguments)
  case "compare":
    status = try CompareCommand.run(&arguments)
  case "docs":
    status = try DocsCommand.run(&arguments)
  case "bench":
    status = try BenchCommand.run(&arguments)
  case "doctor":
    status = try DoctorCommand.run(&arguments)
  case "help":
    say(topHelp)
    status = 0
  case let other?:
    throw UsageError("unknown subcommand '\(other)' (try --help)")
  }
} catch let error as UsageError {
  printError("workshop: \(error.message)")
  status = 2
} catch {
  printError("workshop: \(error)")
  status = 1
}
exit(status)
