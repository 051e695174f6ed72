import Diagnostics
import SOPS
import SourceTree
import Units

/// `shipshape sops check|verify`: only the SOPS stage, with the same redacted excerpts, report
/// formats and configuration (severities, `off`, exclusions) as `lint`.
public enum SOPSChecks {
    public static func report(_ tree: SourceTree, paths: [String], identities: [AgeIdentity],
                              configuration given: Configuration? = nil) throws(Configuration.Error) -> (report: LintReport, result: SOPSRepositoryCheck.Result) {
        let configuration: Configuration
        if let given { configuration = given } else { configuration = try Linter.loadConfiguration(from: tree) }
        let excludes = configuration.exclude.map(PathGlob.init)
        var result = SOPSRepositoryCheck(identities: identities).run(tree, paths: paths)
        result.files.removeAll { file in excludes.contains { $0.matches(file) } }
        var summary = LintSummary()
        var kept: [Diagnostic] = []
        for var diagnostic in result.diagnostics where !excludes.contains(where: { $0.matches(diagnostic.location.file) }) {
            guard let severity = configuration.severity(for: diagnostic.rule, default: diagnostic.severity) else { continue }
            diagnostic.severity = severity
            summary.count(severity)
            kept.append(diagnostic)
        }
        summary.files = result.files.count
        let classifier = FileClassifier(tree: tree)
        let needed = Set(kept.flatMap { [$0.location.file] + $0.related.map(\.location.file) })
        let parsed = FrontEnd.parse(tree, classifier: classifier, limits: .default).filter { needed.contains($0.key) }
        let repository = ParsedRepository(tree: tree, classifier: classifier, files: parsed)
        let report = LintReport(diagnostics: kept.sorted(), summary: summary,
                                sourceLines: RedactedSourceLines(files: needed, repository: repository))
        return (report, result)
    }
}
