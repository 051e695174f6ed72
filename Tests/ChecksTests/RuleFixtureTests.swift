import Diagnostics
import Lint
import Reports
import SourceTree
import Testing

/// Every rule has a fixture repository that triggers it and one that must not:
/// `Tests/Fixtures/<rule>/triggers` and `Tests/Fixtures/<rule>/clean`.
struct RuleFixtureTests {
    static let fixtures = URLPath.packageRoot + "/Tests/Fixtures"

    /// (rule, how many findings the triggering fixture must produce)
    static let cases: [(RuleID, Int)] = [
        (.dependsOnMissing, 1),
        (.dependsOnCycle, 1),
        (.unitPathMissing, 2),
        (.unitDuplicateObject, 1),
        (.plaintextSecret, 2),
        (.yamlNotObject, 1),
        (.kustomizeMissingResource, 2),
        (.kustomizeCycle, 1),
        (.kustomizeRemoteBase, 1),
        (.pathEscape, 1),
        (.yamlDuplicateKey, 1),
        (.yamlSyntax, 1),
        (.kustomizeInvalid, 1),
        (.fileUnreached, 2),
    ]

    static func lint(_ directory: String) throws -> LintRun {
        try Linter.lint(try SourceTree.workingDirectory(at: directory))
    }

    @Test(arguments: cases.map { $0.0.rawValue })
    func triggeringFixtureReportsTheRule(_ rule: String) throws {
        let expected = try #require(Self.cases.first { $0.0.rawValue == rule }?.1)
        let run = try Self.lint("\(Self.fixtures)/\(rule)/triggers")
        let found = run.diagnostics.filter { $0.rule.rawValue == rule }
        #expect(found.count == expected, "\(run.diagnostics.map { "\($0.location.file):\($0.location.line) \($0.rule) \($0.message)" })")
        for finding in found {
            #expect(!finding.location.file.isEmpty && finding.location.line > 0)
        }
    }

    @Test(arguments: cases.map { $0.0.rawValue })
    func cleanFixtureIsClean(_ rule: String) throws {
        let run = try Self.lint("\(Self.fixtures)/\(rule)/clean")
        // Catalog rules (rules/) have their own examples; these fixtures are about built-in analyses.
        let builtin = run.diagnostics.filter { RuleCatalog.builtin[$0.rule] != nil }
        #expect(builtin.isEmpty, "\(builtin.map { "\($0.location.file):\($0.location.line) \($0.rule) \($0.message)" })")
        #expect(run.summary.units >= 2)
    }

    @Test func missingDependencySuggestsTheNearestName() throws {
        let run = try Self.lint("\(Self.fixtures)/depends-on-missing/triggers")
        let finding = try #require(run.diagnostics.first { $0.rule == .dependsOnMissing })
        #expect(finding.fix == "did you mean \"infra-controllers\"?")
        #expect(finding.location.file == "clusters/prod/units.yaml")
        #expect(finding.related.first?.message.contains("infra-controllers") == true)
    }

    @Test func cycleMessagePrintsTheWholeCycle() throws {
        let run = try Self.lint("\(Self.fixtures)/depends-on-cycle/triggers")
        let finding = try #require(run.diagnostics.first { $0.rule == .dependsOnCycle })
        #expect(finding.message == "dependsOn cycle: a -> c -> b -> a")
        #expect(finding.related.count == 2)
    }

    @Test func plaintextSecretNamesKeysButNeverValues() throws {
        let run = try Self.lint("\(Self.fixtures)/secret-plaintext/triggers")
        for finding in run.diagnostics {
            #expect(!finding.message.contains("hunter2"))
            #expect(!finding.message.contains("abc123"))
        }
        #expect(run.diagnostics.contains { $0.message.contains("password") && $0.message.contains("token") })
    }

    @Test func noFormatShowsSecretValuesOrCiphertext() throws {
        for fixture in ["secret-plaintext/triggers", "secret-plaintext/clean"] {
            var report = try Self.lint("\(Self.fixtures)/\(fixture)").report(excerptsAlsoFrom: ["apps/a/secret.yaml", "apps/a/kustomization.yaml"])
            // Point a finding at every line of the Secret files so excerpts cover every value.
            for line in 1...24 {
                report.diagnostics.append(Diagnostic(rule: .plaintextSecret, message: "probe", at: SourceLocation(file: "apps/a/secret.yaml", line: line, column: 1)))
            }
            report.diagnostics.append(Diagnostic(rule: .plaintextSecret, message: "probe", at: SourceLocation(file: "apps/a/kustomization.yaml", line: 7, column: 1)))
            #expect(report.sourceLines.line(2, of: "apps/a/secret.yaml") == "kind: Secret")
            for format in ReportFormat.allCases {
                let output = format.formatter(color: false).render(report)
                for secret in ["hunter2", "c2VjcmV0LXRva2Vu", "abc123-fixture", "Zm9vYmFy", "bWFj", "ZmFrZQ=="] {
                    #expect(!output.contains(secret), "\(format) shows \(secret)")
                }
            }
        }
    }

    @Test func inlineIgnoreSuppressesAndIsCounted() throws {
        let run = try Self.lint("\(Self.fixtures)/suppressed")
        #expect(run.diagnostics.isEmpty)
        #expect(run.summary.suppressed == 1)
    }
}

enum URLPath {
    /// The package root, found from this file's path: tests read fixtures and ../shared at run time.
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
}
