import CounterSpec

extension Simulator {
  /// Sends one packet through the faulty network: the cluster already holds it in flight; here
  /// it is dropped at once, or given a delivery time (and perhaps a second one, duplicated).
  /// The order of random draws is fixed: drop, delay, duplicate, second delay.
  mutating func transmit(_ packet: Packet) {
    if faultsOn {
      if random.chance(scenario.dropRate) || cluster.isBlocked(packet) {
        apply(.drop(packet))
        return
      }
    }
    queue.push(.deliver(packet), at: now + delay())
    if faultsOn, random.chance(scenario.duplicateRate) {
      apply(.duplicate(packet))
      queue.push(.deliver(packet), at: now + delay())
    }
  }

  private mutating func delay() -> Int64 {
    Int64(random.int(in: scenario.delayMs)) * 1_000
  }
}
