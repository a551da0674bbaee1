import CounterSpec
import Level3Pure

/// Everything in a global state but the messages in flight, as fields: the header that
/// `StateLayout` packs into bits.
///
/// Replicas and disks are packed tallies, clients are `ClientTable` codes. A crashed replica's
/// volatile tally is stored as zero: it is gone, and keeping it would split equal states.
struct Globals {
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

  @inline(__always) func isUp(_ replica: Int) -> Bool { up & (1 << UInt64(replica)) != 0 }
  @inline(__always) func isPending(_ client: Int) -> Bool {
    pending & (1 << UInt64(client)) != 0
  }
}

/// One global state of the explored system, packed: its `Globals` and the network.
///
/// The network is a sorted array of packet words, so equal global states have equal fields
/// whatever the order in which their messages were sent. This is the readable form of a state,
/// the encoding's reference, which the tests use; the explorer itself never builds one: it
/// changes encoded states in place (`HeaderFields`).
@dynamicMemberLookup
struct World {
  var globals = Globals()
  /// Packets in flight, sorted ascending.
  var flight: [UInt64] = []

  init(capacity: Int) { flight.reserveCapacity(capacity + 8) }

  subscript<T>(dynamicMember field: WritableKeyPath<Globals, T>) -> T {
    get { globals[keyPath: field] }
    set { globals[keyPath: field] = newValue }
  }

  /// Adds `packet`, keeping `flight` sorted.
  mutating func send(_ packet: UInt64) {
    var index = flight.count
    flight.append(packet)
    while index > 0, flight[index - 1] > packet {
      flight[index] = flight[index - 1]
      index -= 1
    }
    flight[index] = packet
  }

  func isUp(_ replica: Int) -> Bool { globals.isUp(replica) }
  func isPending(_ client: Int) -> Bool { globals.isPending(client) }
}
