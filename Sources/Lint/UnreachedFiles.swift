import Clusters
import Diagnostics
import Rendering
import SourceTree
import Units

/// Manifest files whose objects no rendered unit of any cluster applies, patches or generates
/// from (`file-unreached`). Only meaningful once discovery found at least one cluster.
enum UnreachedFiles {
    static func find(_ repository: ParsedRepository, clusters: [ClusterRender]) -> [Diagnostic] {
        guard clusters.contains(where: { !$0.units.isEmpty }) else { return [] }
        var reached = Set<String>()
        // A unit that failed to render may reach anything under its directory: not reported.
        var unknown: [String] = []
        for cluster in clusters {
            for unit in cluster.units {
                if let file = unit.origin?.file { reached.insert(file) }
                for resource in unit.resources.resources { collectFiles(resource.node, into: &reached) }
                if unit.error != nil, let directory = unit.directory { unknown.append(directory) }
            }
        }
        var found: [Diagnostic] = []
        var reported = Set<String>()
        for typed in repository.objects {
            let object = typed.object
            let file = object.file
            guard !reached.contains(file), !reported.contains(file),
                  !RepositoryPath.isHidden(RepositoryPath.parent(of: file)),
                  !unknown.contains(where: { $0.isEmpty || file.hasPrefix($0 + "/") }) else { continue }
            reported.insert(file)
            let count = repository.objects(in: file).count
            found.append(Diagnostic(rule: .fileUnreached,
                                    message: "\(count == 1 ? "1 object" : "\(count) objects") in this file \(count == 1 ? "is" : "are") applied by no unit of any cluster",
                                    at: object.location,
                                    fix: "reference it from a kustomization a unit renders, or delete it"))
        }
        return found
    }

    /// Every file a rendered value came from: the base, patches, generator inputs.
    private static func collectFiles(_ node: Node, into files: inout Set<String>) {
        if let file = node.origin?.file { files.insert(file) }
        switch node.value {
        case .scalar: return
        case .sequence(let items): for item in items { collectFiles(item, into: &files) }
        case .mapping(let entries): for entry in entries { collectFiles(entry.value, into: &files) }
        }
    }
}
