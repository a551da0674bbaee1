import CounterSpec
import Level3Pure

/// One global state of the explored system, packed: what the explorer expands and encodes.
///
/// Replicas and disks are packed tallies, clients are `ClientTable` codes, and the network is a
/// sorted array of packet words, so equal global states have equal fields whatever the order in
/// which their messages were sent. A crashed replica's volatile tally is stored as zero: it is
/// gone, and keeping it would split equal states.
struct World {
  var tallies = Words8()
  var disks = Words8()
  var codes = Words8()
  /// Bit `r` set when replica `r` is up.
  var up: UInt64 = 0
  /// Bit `c` set when client `c`'s retry timer is pending.
  var pending: UInt64 = 0
  var dropsUsed = 0
  var duplicatesUsed = 0
  var crashesUsed = 0
  var retriesUsed = 0
  var gossipsUsed = 0
  /// Packets in flight, sorted ascending.
  var flight: [UInt64] = []

  init(capacity: Int) { flight.reserveCapacity(capacity + 8) }

  /// Becomes a copy of `other` without sharing (and so without reallocating) `flight`.
  @inline(__always)
  mutating func load(_ other: World) {
    tallies = other.tallies
    disks = other.disks
    codes = other.codes
    up = other.up
    pending = other.pending
    dropsUsed = other.dropsUsed
    duplicatesUsed = other.duplicatesUsed
    crashesUsed = other.crashesUsed
    retriesUsed = other.retriesUsed
    gossipsUsed = other.gossipsUsed
    flight.removeAll(keepingCapacity: true)
    flight.append(contentsOf: other.flight)
  }

  /// Adds `packet`, keeping `flight` sorted.
  @inline(__always)
  mutating func send(_ packet: UInt64) {
    var index = flight.count
    flight.append(packet)
    while index > 0, flight[index - 1] > packet {
      flight[index] = flight[index - 1]
      index -= 1
    }
    flight[index] = packet
  }

  @inline(__always) func isUp(_ replica: Int) -> Bool { up & (1 << UInt64(replica)) != 0 }
  @inline(__always) func isPending(_ client: Int) -> Bool {
    pending & (1 << UInt64(client)) != 0
  }
}
