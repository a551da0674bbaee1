import CounterSpec

extension Simulator {
  /// Sends one packet through the faulty network: the cluster already holds it in flight; here
  /// it is dropped at once, or given a delivery time (and perhaps a second one, duplicated).
  /// The order of random draws is fixed: drop, delay, duplicate, second delay.
  /// - Returns: whether the packet is still in flight (not dropped).
  @inline(__always)  // its one caller, `take()`, would copy the packet to pass it
  mutating func transmit(_ packet: Packet) -> Bool {
    if faultsOn {
      if random.chance(scenario.dropRate) || cluster.isBlocked(packet) {
        return !apply(.drop(packet))
      }
    }
    schedule(.deliver(packet), at: now + delay())
    if faultsOn, random.chance(scenario.duplicateRate) {
      apply(.duplicate(packet))
      schedule(.deliver(packet), at: now + delay())
    }
    return true
  }

  private mutating func delay() -> Int64 {
    Int64(random.int(in: scenario.delayMs)) * 1_000
  }
}
