import CounterSpec
import Level3Pure
import Testing

@Suite struct ScheduleFileTests {
  @Test func placeholder() { #expect(Bool(true)) }
}
