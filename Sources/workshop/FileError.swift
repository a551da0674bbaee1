/// A file that could not be written: one line on standard error, exit status 1.
struct FileError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
