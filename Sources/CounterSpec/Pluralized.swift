/// `1 client`, `2 clients`: a count and its noun, for output people read.
public func pluralized(_ count: Int, _ noun: String) -> String {
  count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
}
