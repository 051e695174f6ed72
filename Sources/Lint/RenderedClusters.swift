import Clusters
import Diagnostics
import Rendering
import SourceTree

/// Discovery by rendering for `lint`: every cluster root is rendered as Flux and Argo CD would,
/// and each unit that fails becomes a finding at the position the failure names.
public struct RenderedClusters: Sendable {
    /// The selected clusters (all of them when no selection was made).
    public let clusters: [ClusterRender]
    public let diagnostics: [Diagnostic]
    /// Files applied only by clusters left out of the selection.
    let unselectedFiles: Set<String>
    /// The tree as rendering read it; later stages reuse its file cache.
    let fileSystem: TreeFileSystem

    /// Whether findings in `file` belong to the selection.
    public func isSelected(_ file: String) -> Bool { !unselectedFiles.contains(file) }

    static func render(_ tree: SourceTree, sources: [String: String], repositoryURLs: [String],
                       clusterRoots: [String] = [], selecting selection: [String] = []) throws(Configuration.Error) -> RenderedClusters {
        let fileSystem = TreeFileSystem(tree: tree)
        var options = DiscoveryOptions()
        options.repositoryURLs = repositoryURLs
        for (key, directory) in sources {
            let parts = key.split(separator: "/").map(String.init)
            guard parts.count >= 2 else { continue }
            let namespace = parts.count == 3 ? parts[1] : ""
            options.sourceDirectories[ObjectKey(kind: parts[0], namespace: namespace, name: parts[parts.count - 1])] = directory
        }
        let roots = ClusterRoots.find(in: fileSystem, extraPaths: clusterRoots)
        let all = Discovery(fileSystem: fileSystem, options: options).renderRepository(roots)
        let names = all.map(\.cluster.name)
        if let unknown = selection.first(where: { !names.contains($0) }) {
            throw .unknownCluster(unknown, known: names)
        }
        let clusters = selection.isEmpty ? all : all.filter { selection.contains($0.cluster.name) }
        var selectedFiles = Set<String>()
        var unselectedFiles = Set<String>()
        for cluster in all {
            let files = cluster.units.flatMap { unit in unit.resources.resources.compactMap { $0.node.origin?.file } + [unit.origin?.file].compactMap { $0 } }
            if selection.isEmpty || selection.contains(cluster.cluster.name) { selectedFiles.formUnion(files) } else { unselectedFiles.formUnion(files) }
        }
        var diagnostics: [Diagnostic] = []
        for cluster in clusters {
            for unit in cluster.units {
                guard let error = unit.error, let diagnostic = finding(error, unit: unit, cluster: cluster) else { continue }
                diagnostics.append(diagnostic)
            }
            for error in cluster.diagnostics {
                if let diagnostic = finding(error, unit: nil, cluster: cluster) { diagnostics.append(diagnostic) }
            }
        }
        return RenderedClusters(clusters: clusters, diagnostics: diagnostics, unselectedFiles: unselectedFiles.subtracting(selectedFiles),
                                fileSystem: fileSystem)
    }

    static func finding(_ error: RenderError, unit: RenderedUnit?, cluster: ClusterRender) -> Diagnostic? {
        // Flux sources that are not this repository are reported once, where they are declared.
        if error.kind == .foreignSource, unit?.kind != .argoApplication { return nil }
        let rule: RuleID
        switch error.kind {
        case .missing where error.message.contains("nor mapped to a local directory"): rule = .sourceOutsideRepository
        case .foreignSource: rule = .sourceOutsideRepository
        case .substitution: rule = .substitutionUnset
        case .unsupported: rule = .renderUnsupported
        case .conflict where unit == nil, .cycle where unit == nil: rule = .clusterDuplicateUnit
        default: rule = .renderFailed
        }
        let location = error.location
            ?? unit?.origin.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column) }
            ?? SourceLocation.startOf(cluster.cluster.path)
        let subject = unit.map { "\($0.key.kind) \($0.key.namespace)/\($0.key.name)" } ?? "cluster \(cluster.cluster.name)"
        let reference = unit.map { UnitReference(kind: $0.key.kind, namespace: $0.key.namespace, name: $0.key.name) }
        return Diagnostic(rule: rule, message: "\(subject) (cluster \(cluster.cluster.name)): \(firstLine(error.message))",
                          at: location, unit: reference,
                          fix: rule == .renderFailed ? "fix the input named in the message; `shipshape build` renders the directory alone" : nil)
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }
}
