import Diagnostics

/// Source text for excerpts, keyed by file, lines 1-based.
struct FakeSourceLines: SourceLineProvider {
    var files: [String: [String]]

    func line(_ number: Int, of file: String) -> String? {
        guard let lines = files[file], number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}

/// A report with awkward content: a non-ASCII path with a space, a tab in the source line,
/// markup and escape-worthy characters, a newline, a control character, a rule the catalog
/// does not know, findings with and without object, unit, related locations and fix.
enum Fixture {
    static let kustomization = "clusters/prod/kustomization.yaml"
    static let unicodePath = "apps/café/ünï code.yaml"
    static let oddPath = "odd/a,b:c%d.yaml"
    static let oddMessage = "quote \" apostrophe ' <tag> & 100% done, really: yes\nsecond line\u{07}bell"

    static let dependsOnMissing = Diagnostic(
        rule: .dependsOnMissing,
        message: "dependsOn names Kustomization flux-system/infra-controller, which does not exist",
        at: SourceLocation(file: kustomization, line: 12, column: 5),
        object: ObjectReference(apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization",
                                namespace: "flux-system", name: "apps"),
        unit: UnitReference(kind: "Kustomization", namespace: "flux-system", name: "apps"),
        related: [RelatedLocation(SourceLocation(file: "infra/controllers.yaml", line: 3, column: 9),
                                  "did you mean this one?")],
        fix: "rename the dependency to \"infra-controllers\""
    )

    static let invalidKustomization = Diagnostic(
        rule: .kustomizeInvalid,
        message: "resources must be a list of strings",
        at: SourceLocation(file: kustomization, line: 1, column: 1),
        object: ObjectReference(apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization",
                                namespace: nil, name: nil),
        fix: "write each resource as a string"
    )

    static let trailingTab = Diagnostic(
        rule: .yamlTrailingTab,
        message: "a tab follows the value",
        at: SourceLocation(file: unicodePath, line: 3, column: 10),
        object: ObjectReference(apiVersion: "v1", kind: "Namespace", namespace: nil, name: "café")
    )

    static let odd = Diagnostic(
        rule: "custom-rule",
        severity: .info,
        message: oddMessage,
        at: SourceLocation(file: oddPath, line: 2, column: 1)
    )

    static let sourceLines = FakeSourceLines(files: [
        kustomization: ["apiVersion: kustomize.config.k8s.io/v1beta1"]
            + Array(repeating: "", count: 10) + ["    - name: infra-controller"],
        unicodePath: ["apiVersion: v1", "kind: Namespace", "\tkey: \"é\"\t# trailing"],
    ])

    static var summary: LintSummary {
        var summary = LintSummary()
        summary.errors = 2
        summary.warnings = 1
        summary.infos = 1
        summary.suppressed = 3
        summary.files = 40
        summary.objects = 120
        summary.units = 7
        summary.fixed = 1
        return summary
    }

    /// Deliberately out of order: LintReport sorts.
    static var report: LintReport {
        LintReport(
            diagnostics: [odd, dependsOnMissing, trailingTab, invalidKustomization],
            summary: summary,
            sourceLines: sourceLines,
            toolVersion: "9.8.7"
        )
    }

    static var emptyReport: LintReport {
        LintReport(diagnostics: [], summary: LintSummary(), sourceLines: sourceLines, toolVersion: "9.8.7")
    }
}
