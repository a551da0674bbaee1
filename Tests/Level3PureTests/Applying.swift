import Level3Pure

/// `cluster` after `choices`, each of which must apply (the error names the one that did not,
/// and what was enabled instead).
func applying<R>(_ cluster: Cluster<R>, _ choices: [Choice]) throws -> Cluster<R> {
  var cluster = cluster
  for choice in choices {
    guard cluster.apply(choice) != nil else {
      throw TestFailure("\(choice) did not apply; enabled: \(cluster.enabledChoices())")
    }
  }
  return cluster
}
