import Diagnostics
import Testing
@testable import Reports

@Suite struct GitHubReportTests {
    @Test func oneCommandPerDiagnosticThenTheSummary() {
        let expected = [
            "::warning file=apps/café/ünï code.yaml,line=3,col=10,title=yaml-trailing-tab::a tab follows the value",
            "::error file=clusters/prod/kustomization.yaml,line=1,col=1,title=kustomize-invalid::"
                + "resources must be a list of strings%0Afix: write each resource as a string",
            "::error file=clusters/prod/kustomization.yaml,line=12,col=5,title=depends-on-missing::"
                + "dependsOn names Kustomization flux-system/infra-controller, which does not exist"
                + "%0Anote: infra/controllers.yaml:3:9: did you mean this one?"
                + "%0Afix: rename the dependency to \"infra-controllers\"",
            "::notice file=odd/a%2Cb%3Ac%25d.yaml,line=2,col=1,title=custom-rule::"
                + "quote \" apostrophe ' <tag> & 100%25 done, really: yes%0Asecond line\u{07}bell",
            "2 errors, 1 warning, 1 info (3 suppressed) in 40 files, 120 objects, 7 units; 1 fixed since the base revision",
        ]
        #expect(GitHubReport().render(Fixture.report) == expected.joined(separator: "\n") + "\n")
    }

    @Test func escaping() {
        #expect(GitHubReport.escapeData("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e")
        #expect(GitHubReport.escapeProperty("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce")
    }

    @Test func everyCommandIsOneLine() {
        let lines = GitHubReport().render(Fixture.report).split(separator: "\n")
        #expect(lines.count == Fixture.report.diagnostics.count + 1)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::") })
    }

    @Test func emptyReportIsJustTheSummary() {
        #expect(GitHubReport().render(Fixture.emptyReport) == "0 errors, 0 warnings, 0 infos in 0 files, 0 objects, 0 units\n")
    }
}
