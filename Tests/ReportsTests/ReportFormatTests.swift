import Diagnostics
import Testing
@testable import Reports

@Suite struct ReportFormatTests {
    @Test func formatsAndTheirFormatters() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["text", "json", "sarif", "junit", "github"])
        #expect((ReportFormat.text.formatter(color: true) as? TextReport)?.color == true)
        #expect((ReportFormat.text.formatter(color: false) as? TextReport)?.color == false)
        #expect(ReportFormat.json.formatter(color: true) is JSONReport)
        #expect(ReportFormat.sarif.formatter(color: true) is SARIFReport)
        #expect(ReportFormat.junit.formatter(color: true) is JUnitReport)
        #expect(ReportFormat.github.formatter(color: true) is GitHubReport)
    }

    @Test(arguments: ReportFormat.allCases)
    func everyFormatIsDeterministicAndEndsWithANewline(format: ReportFormat) {
        let first = format.formatter(color: false).render(Fixture.report)
        let second = format.formatter(color: false).render(Fixture.report)
        #expect(first == second)
        #expect(first.hasSuffix("\n"))
    }

    @Test func fnv1a64KnownVectors() {
        #expect(ReportText.fnv1a64("") == "cbf29ce484222325")
        #expect(ReportText.fnv1a64("a") == "af63dc4c8601ec8c")
        #expect(ReportText.fnv1a64("foobar") == "85944171f73967e8")
    }

    @Test func uriPathPercentEncoding() {
        #expect(ReportText.uriPath("apps/café/ünï code.yaml") == "apps/caf%C3%A9/%C3%BCn%C3%AF%20code.yaml")
        #expect(ReportText.uriPath("odd/a,b:c%d.yaml") == "odd/a%2Cb%3Ac%25d.yaml")
        #expect(ReportText.uriPath("plain-dir/file_1.~yaml") == "plain-dir/file_1.~yaml")
    }
}
