import Testing
import SourceTree

@Suite struct IgnoreRulesTests {
    @Test(arguments: [
        (".git/config", false, true),
        (".gitignore", false, true),
        ("docs/logo.png", false, true),
        ("release.tar.gz", false, true),
        (".github/workflows/ci.yaml", false, true),
        ("apps/.sops.yaml", false, true),
        (".sops.yaml", false, true),
        ("cloudbuild.yaml", false, true),
        ("apps/deployment.yaml", false, false),
        ("apps/png", false, false),
        ("README.md", false, false),
    ])
    func fluxDefaults(path: String, isDirectory: Bool, expected: Bool) {
        #expect(IgnoreRules.fluxDefaults.isIgnored(path, isDirectory: isDirectory) == expected)
    }

    @Test func commentsBlankLinesAndNegationWithLastMatchWinning() {
        let rules = IgnoreRules(parsing: "# a comment\n\n*.yaml\n!keep.yaml\n   \n", base: "")
        #expect(rules.isIgnored("apps/drop.yaml", isDirectory: false))
        #expect(!rules.isIgnored("apps/keep.yaml", isDirectory: false))
        #expect(!rules.isIgnored("# a comment", isDirectory: false))
        let reversed = IgnoreRules(parsing: "!keep.yaml\n*.yaml\n", base: "")
        #expect(reversed.isIgnored("keep.yaml", isDirectory: false))
    }

    @Test func onlyTheDeployDirectoryKept() {
        // The pattern Flux documents for keeping a single directory.
        let rules = IgnoreRules(parsing: "/*\n!/deploy\n", base: "")
        #expect(rules.isIgnored("apps/a.yaml", isDirectory: false))
        #expect(rules.isIgnored("root.yaml", isDirectory: false))
        #expect(!rules.isIgnored("deploy/a.yaml", isDirectory: false))
        #expect(!rules.isIgnored("deploy/nested/b.yaml", isDirectory: false))
    }

    @Test func trailingSlashMeansDirectoriesOnly() {
        let rules = IgnoreRules(parsing: "tmp/\n", base: "")
        #expect(rules.isIgnored("tmp", isDirectory: true))
        #expect(!rules.isIgnored("tmp", isDirectory: false))
        #expect(rules.isIgnored("a/tmp/x.yaml", isDirectory: false))
    }

    @Test func slashesAnchorToTheBase() {
        let rules = IgnoreRules(parsing: "overlays/dev\n/top.yaml\n**/generated/*.yaml\n", base: "apps")
        #expect(rules.isIgnored("apps/overlays/dev/k.yaml", isDirectory: false))
        #expect(!rules.isIgnored("apps/x/overlays/dev/k.yaml", isDirectory: false))
        #expect(!rules.isIgnored("overlays/dev/k.yaml", isDirectory: false))
        #expect(rules.isIgnored("apps/top.yaml", isDirectory: false))
        #expect(!rules.isIgnored("top.yaml", isDirectory: false))
        #expect(rules.isIgnored("apps/a/b/generated/x.yaml", isDirectory: false))
        #expect(!rules.isIgnored("apps", isDirectory: true))
    }

    @Test func laterRulesCanReincludeFilesInIgnoredDirectoriesAsSourceControllerDoes() {
        let rules = IgnoreRules.fluxDefaults.followed(by: IgnoreRules(parsing: "secrets/\n!secrets/sealed.yaml\n", base: ""))
        #expect(rules.isIgnored("secrets/raw.yaml", isDirectory: false))
        #expect(!rules.isIgnored("secrets/sealed.yaml", isDirectory: false))
        #expect(rules.isIgnored("logo.png", isDirectory: false))
        #expect(!IgnoreRules().isIgnored("logo.png", isDirectory: false))
    }

    @Test func trailingSpacesAreTrimmedUnlessEscaped() {
        let rules = IgnoreRules(parsing: "drop.yaml   \r\n", base: "")
        #expect(rules.isIgnored("drop.yaml", isDirectory: false))
    }
}
