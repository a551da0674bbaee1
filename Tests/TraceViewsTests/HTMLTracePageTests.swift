import CounterSpec
import Testing

@testable import TraceViews

/// Structural checks of the page: well formed enough for a browser to build the tree we mean,
/// self-contained, and pointing at the violation. (What it looks like is checked by eye with
/// Tests/browser/screenshot.sh.)
@Suite struct HTMLTracePageTests {
  static let pages: [(String, String)] = {
    let seed1 = level3Seed1()
    var other = seed1
    other.events.removeLast(3)
    return [
      ("single", HTMLTracePage().render(seed1, title: "level3 seed 1 <&>")),
      ("empty", HTMLTracePage().render(Trace(), title: "empty")),
      ("compare", HTMLTracePage().render(TraceComparison(seed1, other), titles: ("a", "b"))),
    ]
  }()

  @Test(arguments: pages)
  func isSelfContained(name: String, page: String) {
    #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(name)")
    #expect(!page.contains("http://") && !page.contains("https://"), "\(name)")
    #expect(!page.contains("<script src") && !page.contains("<link"), "\(name)")
    #expect(!page.contains("url(http") && !page.contains("@import"), "\(name)")
    #expect(page.contains("<svg"), "\(name)")
  }

  @Test(arguments: pages)
  func mainElementsAreBalanced(name: String, page: String) {
    for tag in [
      "html", "head", "body", "header", "main", "script", "style", "svg", "g", "div", "text",
      "title", "marker", "defs", "p", "pre", "button", "h1",
    ] {
      let opened = count("<\(tag) ", in: page) + count("<\(tag)>", in: page)
      let closed = count("</\(tag)>", in: page)
      #expect(opened == closed, "\(name): <\(tag)> opened \(opened) times, closed \(closed)")
    }
    #expect(count("<script", in: page) == 1, "\(name)")
  }

  @Test func theViolationIsHighlightedAndTheStartingStep() {
    let page = Self.pages[0].1
    #expect(page.contains("<body data-start=\"29\">"))
    #expect(page.contains("<g class=\"row k-violation violation\" id=\"a-29\" data-i=\"29\""))
    #expect(page.contains("<g class=\"row k-value culprit\" id=\"a-28\""))
    #expect(count("<g class=\"row ", in: page) == 30)
    #expect(page.contains("<title>level3 seed 1 &lt;&amp;&gt;</title>"))
    // One numbering on the page: events. The checker's "at step 12" (its 12th observation) is
    // left out; the summary and the row say where by event.
    #expect(
      page.contains(
        "violation at event 30<br><strong class=\"bad\">!! no double counting broken on r0 "
          + "(c0#1): c0#1 applied by r0 and by r1, value 5 &gt; 4 issued</strong>"))
    #expect(
      page.contains("data-text=\"30:     31.000ms  !! no double counting broken on r0 (c0#1): "))
    #expect(!page.contains("step 12"))
  }

  @Test func theComparisonMarksTheFirstDifferenceInBothTraces() {
    let page = Self.pages[2].1
    #expect(page.contains("<body data-start=\"27\">"))
    #expect(page.contains("id=\"a-27\""))
    #expect(count("differs", in: page) == 2)
    #expect(page.contains("first difference at event 28:"))
  }

  @Test(arguments: [
    ("a<b", "a&lt;b"), ("\"q\" & 'a'", "&quot;q&quot; &amp; &#39;a&#39;"), ("ok", "ok"),
  ])
  func escapesText(text: String, expected: String) {
    #expect(HTMLTracePage.escape(text) == expected)
  }

  private func count(_ needle: String, in haystack: String) -> Int {
    haystack.ranges(of: needle).count
  }
}
