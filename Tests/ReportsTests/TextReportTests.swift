import Diagnostics
import Testing
@testable import Reports

@Suite struct TextReportTests {
    @Test func rendersExcerptsCaretsNotesFixesAndSummary() {
        let expected = """
            apps/café/ünï code.yaml:3:10: warning[yaml-trailing-tab]: a tab follows the value
              |
            3 |  key: "é" # trailing
              |          ^

            clusters/prod/kustomization.yaml:1:1: error[kustomize-invalid]: resources must be a list of strings
              |
            1 | apiVersion: kustomize.config.k8s.io/v1beta1
              | ^
              = fix: write each resource as a string

            clusters/prod/kustomization.yaml:12:5: error[depends-on-missing]: dependsOn names Kustomization flux-system/infra-controller, which does not exist
               |
            12 |     - name: infra-controller
               |     ^
               = note: infra/controllers.yaml:3:9: did you mean this one?
               = fix: rename the dependency to "infra-controllers"

            odd/a,b:c%d.yaml:2:1: info[custom-rule]: quote " apostrophe ' <tag> & 100% done, really: yes
            second line\u{FFFD}bell

            2 errors, 1 warning, 1 info (3 suppressed) in 40 files, 120 objects, 7 units; 1 fixed since the base revision

            """
        #expect(TextReport(color: false).render(Fixture.report) == expected)
    }

    @Test func caretCountsUnicodeScalarsAndTabsAsOneColumn() {
        let output = TextReport().render(Fixture.report)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let source = lines.firstIndex(where: { $0.hasPrefix("3 | ") }), source + 1 < lines.count else {
            Issue.record("no excerpt for line 3 in:\n\(output)")
            return
        }
        let excerpt = Array(lines[source].unicodeScalars.dropFirst(4))
        let caret = Array(lines[source + 1].unicodeScalars.dropFirst(4))
        #expect(caret.last == "^")
        #expect(caret.count == 10)
        #expect(excerpt.count >= caret.count)
        #expect(!lines[source].contains("\t"))
    }

    @Test func emptyReportIsJustTheSummary() {
        #expect(TextReport().render(Fixture.emptyReport) == "0 errors, 0 warnings, 0 infos in 0 files, 0 objects, 0 units\n")
    }

    @Test func summaryOmitsFixedWhenNilAndPluralises() {
        var summary = LintSummary()
        summary.errors = 1
        summary.files = 1
        summary.objects = 1
        summary.units = 1
        let report = LintReport(diagnostics: [], summary: summary)
        #expect(TextReport().render(report) == "1 error, 0 warnings, 0 infos in 1 file, 1 object, 1 unit\n")
    }

    @Test func colourOnlyWhenAskedFor() {
        let colored = TextReport(color: true).render(Fixture.report)
        #expect(colored.contains("\u{1B}[1;33mwarning\u{1B}[0m[\u{1B}[1myaml-trailing-tab\u{1B}[0m]: a tab follows"))
        #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m[\u{1B}[1mdepends-on-missing\u{1B}[0m]"))
        #expect(colored.contains("\u{1B}[1;34minfo\u{1B}[0m[\u{1B}[1mcustom-rule\u{1B}[0m]"))
        #expect(!TextReport(color: false).render(Fixture.report).contains("\u{1B}"))
    }

    @Test func repositoryTextCannotInjectTerminalEscapes() {
        let hostile = Diagnostic(rule: .yamlSyntax, message: "bad \u{1B}[2J value",
                                 at: SourceLocation(file: "x.yaml", line: 1, column: 1))
        let lines = FakeSourceLines(files: ["x.yaml": ["a: \u{1B}]0;title\u{07}"]])
        let report = LintReport(diagnostics: [hostile], summary: LintSummary(), sourceLines: lines)
        #expect(!TextReport(color: false).render(report).contains("\u{1B}"))
    }

    @Test func missingSourceLineOmitsTheExcerpt() {
        let diagnostic = Diagnostic(rule: .yamlSyntax, message: "m", at: SourceLocation(file: "gone.yaml", line: 7, column: 3),
                                    fix: "f")
        let report = LintReport(diagnostics: [diagnostic], summary: LintSummary(), sourceLines: Fixture.sourceLines)
        #expect(TextReport().render(report) == """
            gone.yaml:7:3: error[yaml-syntax]: m
              = fix: f

            0 errors, 0 warnings, 0 infos in 0 files, 0 objects, 0 units

            """)
    }

    @Test func isDeterministic() {
        #expect(TextReport(color: true).render(Fixture.report) == TextReport(color: true).render(Fixture.report))
    }
}
