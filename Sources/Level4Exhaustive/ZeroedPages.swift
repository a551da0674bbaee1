#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Large zeroed buffers of words for `PackedStates`, straight from the operating system: its
/// chunks and its table are megabytes each, written once, and a fresh mapping is already
/// zero. On Linux they ask for transparent huge pages (`MADV_HUGEPAGE`), so that filling a
/// store takes one page fault per 2 MiB instead of one per 4 KiB: with small pages, faulting
/// the store in cost about a tenth of the benchmark's search.
enum ZeroedPages {
  /// `count` zeroed words; `deallocate` them with the same count.
  static func allocate(words count: Int) -> UnsafeMutablePointer<UInt64> {
    let bytes = count * MemoryLayout<UInt64>.stride
    #if os(Linux)
      guard
        let mapped = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
        mapped != MAP_FAILED
      else { fatalError("out of memory: \(bytes) bytes for the explorer's store") }
      if bytes >= hugePage { _ = madvise(mapped, bytes, Int32(MADV_HUGEPAGE)) }
      return mapped.bindMemory(to: UInt64.self, capacity: count)
    #else
      guard let allocated = calloc(count, MemoryLayout<UInt64>.stride) else {
        fatalError("out of memory: \(bytes) bytes for the explorer's store")
      }
      return allocated.bindMemory(to: UInt64.self, capacity: count)
    #endif
  }

  /// Gives back `count` words that `allocate(words:)` returned.
  static func deallocate(_ words: UnsafeMutablePointer<UInt64>, count: Int) {
    #if os(Linux)
      munmap(words, count * MemoryLayout<UInt64>.stride)
    #else
      free(words)
    #endif
  }

  /// The size of a transparent huge page on x86-64 and most ARM64 Linux systems.
  private static var hugePage: Int { 2 << 20 }
}
