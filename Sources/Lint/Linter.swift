import Checks
import Rendering
import Graph
import Policy
import SOPS
import Diagnostics
import SourceTree
import Units
import YAMLTree

/// What `shipshape lint` was asked to do.
public struct LintOptions: Sendable {
    public var excludes: [String] = []
    public var sources: [String: String] = [:]
    /// A configuration given on the command line instead of the tree's `.shipshape.yaml`.
    public var configuration: Configuration?
    public var limits: YAMLLimits = .default
    /// Extra cluster roots (`--cluster-root`), beside Flux bootstraps and FluxInstances.
    public var clusterRoots: [String] = []
    /// Only these clusters (`--cluster`): their render findings, and file findings in files no
    /// other cluster applies. Empty selects every cluster.
    public var clusters: [String] = []
    /// Pre-merge mode: the base revision's rendered objects (`ClusterEvaluation.objects(of:)`),
    /// bound as `oldObject` in rules.
    public var baseObjects: [String: Node] = [:]
    /// `--rules DIR`: more rule files from the file system, beside the bundled catalog.
    public var ruleDirectories: [String] = []
    /// `--age-key`: identities to verify SOPS files with (decryption and MAC); empty checks structure only.
    public var ageIdentities: [AgeIdentity] = []

    public init() {}
}

/// One lint of one tree: findings after configuration and suppressions, and the counts.
public struct LintRun: Sendable {
    public let diagnostics: [Diagnostic]
    public let summary: LintSummary
    public let repository: ParsedRepository
    public let units: UnitGraph
    /// Every cluster as rendered: its units and the objects each applies.
    public let rendered: RenderedClusters
    /// Each rendered cluster's dependency graph, in the same order.
    public let graphs: [ClusterGraph]

    /// The report for this run, with redacted excerpts for the files its findings name
    /// (and for `extraFiles`, for callers that add findings of their own).
    public func report(excerptsAlsoFrom extraFiles: Set<String> = []) -> LintReport {
        let files = extraFiles.union(diagnostics.flatMap { [$0.location.file] + $0.related.map(\.location.file) })
        return LintReport(diagnostics: diagnostics, summary: summary,
                          sourceLines: RedactedSourceLines(files: files, repository: repository))
    }
}

/// The pipeline: tree -> YAML front-end -> object model -> units -> checks -> findings.
public enum Linter {
    public static func lint(_ tree: SourceTree, options: LintOptions = LintOptions()) throws(Configuration.Error) -> LintRun {
        let configuration: Configuration
        if let given = options.configuration { configuration = given } else { configuration = try loadConfiguration(from: tree) }
        let excludes = (options.excludes + configuration.exclude).map(PathGlob.init)
        let isExcluded = { (path: String) in excludes.contains { $0.matches(path) } }

        let classifier = FileClassifier(tree: tree)
        let files = FrontEnd.parse(tree, classifier: classifier, limits: options.limits).filter { !isExcluded($0.key) }
        let repository = ParsedRepository(tree: tree, classifier: classifier, files: files)
        let sourceMap = SourceMap(explicit: configuration.sources.merging(options.sources) { $1 },
                                  repositoryURLs: configuration.repositoryURLs)
        let units = UnitResolver.resolve(repository, sources: sourceMap)

        var found = tree.diagnostics + units.diagnostics
        found += TemplateFiles.reclassify(files.values.flatMap(\.diagnostics), units: units, tree: tree)
        let rendered = try RenderedClusters.render(tree, sources: configuration.sources.merging(options.sources) { $1 },
                                                   repositoryURLs: configuration.repositoryURLs, clusterRoots: options.clusterRoots,
                                                   selecting: options.clusters)
        // A failure the file-based stages already report at the same place is not repeated.
        let reported = Set(found.filter { $0.severity == .error }.map { "\($0.location.file):\($0.location.line)" })
        found += rendered.diagnostics.filter { !reported.contains("\($0.location.file):\($0.location.line)") }
        let preinstalled = BootstrapReleases.charts(in: repository)
        let bootstrapNamespaces = BootstrapReleases.namespaces(in: repository)
        let knowledge = ChartKnowledge.bundled.merging(configuration.charts)
        let graphs = rendered.clusters.map {
            GraphBuilder.build($0, knowledge: knowledge, preinstalled: preinstalled, existingNamespaces: bootstrapNamespaces)
        }
        found += graphs.flatMap(GraphChecks.run)
        found += UnreachedFiles.find(repository, clusters: rendered.clusters)
        found += try PolicyFindings.run(rendered, configuration: configuration, tree: tree, baseObjects: options.baseObjects,
                                          ruleDirectories: options.ruleDirectories)
        found += SOPSRepositoryCheck(identities: options.ageIdentities).run(tree, fileSystem: rendered.fileSystem).diagnostics
        // The cluster's own ValidatingAdmissionPolicies, as the API server would apply them.
        if configuration.isEnabled(AdmissionPolicies.ruleID) { found += AdmissionPolicies.run(rendered.clusters) }
        let context = CheckContext(repository: repository, units: units)
        for check in BuiltinChecks.all where check.rules.contains(where: configuration.isEnabled) {
            found += check.run(context)
        }
        // After the file-based checks: a Secret secret-plaintext already reports is not repeated.
        found += SOPSCoverage.findings(in: rendered.clusters, alreadyReported: found) { [fileSystem = rendered.fileSystem] in try? fileSystem.read($0) }

        let suppressions = Suppressions(files: files, tree: tree)
        var summary = LintSummary()
        var kept: [Diagnostic] = []
        for var diagnostic in Set(found) where !isExcluded(diagnostic.location.file) && rendered.isSelected(diagnostic.location.file) {
            guard let severity = configuration.severity(for: diagnostic.rule, default: diagnostic.severity) else { continue }
            diagnostic.severity = severity
            if suppressions.isSuppressed(diagnostic) {
                summary.suppressed += 1
                continue
            }
            summary.count(severity)
            kept.append(diagnostic)
        }
        summary.files = files.count
        summary.objects = repository.objects.count
        summary.units = units.units.count
        return LintRun(diagnostics: kept.sorted(), summary: summary, repository: repository, units: units, rendered: rendered,
                       graphs: graphs)
    }

    /// Discovery by rendering alone, configured as `lint` would be (`shipshape build --unit`).
    public static func render(_ tree: SourceTree, options: LintOptions = LintOptions()) throws(Configuration.Error) -> RenderedClusters {
        let configuration: Configuration
        if let given = options.configuration { configuration = given } else { configuration = try loadConfiguration(from: tree) }
        return try RenderedClusters.render(tree, sources: configuration.sources.merging(options.sources) { $1 },
                                           repositoryURLs: configuration.repositoryURLs, clusterRoots: options.clusterRoots,
                                           selecting: options.clusters)
    }

    static func loadConfiguration(from tree: SourceTree) throws(Configuration.Error) -> Configuration {
        guard tree.isFile(Configuration.fileName), let bytes = try? tree.contents(of: Configuration.fileName) else {
            return Configuration()
        }
        return try Configuration.parse(bytes)
    }
}

/// Go and Helm templates (`{{ ... }}`) are not YAML until rendered. When one fails to parse and
/// no unit applies it, it is reported as skipped, not as broken.
enum TemplateFiles {
    static func reclassify(_ diagnostics: [Diagnostic], units: UnitGraph, tree: SourceTree) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard diagnostic.rule == .yamlSyntax || diagnostic.rule == .yamlDuplicateKey,
                  units.owners[diagnostic.location.file] == nil,
                  let bytes = try? tree.contents(of: diagnostic.location.file),
                  containsTemplate(bytes) else { return diagnostic }
            return Diagnostic(rule: .yamlTemplate, message: "file contains template syntax ({{ }}) and is not YAML until rendered; skipped",
                              at: .startOf(diagnostic.location.file),
                              related: [RelatedLocation(diagnostic.location, "the YAML parser stopped here: \(diagnostic.message)")])
        }
    }

    static func containsTemplate(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 1 else { return false }
        for i in 0..<(bytes.count - 1) where bytes[i] == 0x7B && bytes[i + 1] == 0x7B { return true }
        return false
    }
}
