import ArgumentParser
import Clusters
import Lint
import Rendering
import Reports
import SourceTree

/// `shipshape build --unit NAME`: discovery by rendering over the repository, then one unit's
/// objects as its controller applies them (post-build substitution and `commonMetadata` included).
struct UnitBuild {
    let path: String
    let unit: String
    let cluster: String?
    let clusterRoots: [String]
    let sources: [String]

    func run(format: BuildFormat) throws {
        var options = LintOptions()
        options.clusterRoots = clusterRoots
        options.clusters = cluster.map { [$0] } ?? []
        options.sources = sourceMappings(sources)
        let rendered: RenderedClusters
        do {
            rendered = try Linter.render(try SourceTree.workingDirectory(at: path), options: options)
        } catch let error as SourceTreeError {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        } catch let error as Configuration.Error {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let matches = rendered.clusters.flatMap { cluster in
            cluster.units.filter { Self.matches($0.key, unit) }.map { (cluster: cluster.cluster.name, unit: $0) }
        }
        guard let match = matches.first else {
            let known = rendered.clusters.flatMap { cluster in cluster.units.map { "\(cluster.cluster.name): \($0.key)" } }
            let similar = known.filter { $0.contains(unit.split(separator: "/").last.map(String.init) ?? unit) }.prefix(10)
            printError("error: no unit \(unit) in \(rendered.clusters.count) cluster(s)"
                       + (similar.isEmpty ? "" : "; similar: " + similar.joined(separator: ", ")))
            throw ExitCode(ExitStatus.usage)
        }
        if matches.count > 1 {
            let names = matches.map { "\($0.cluster): \($0.unit.key)" }.joined(separator: ", ")
            printError("error: \(unit) names \(matches.count) units (\(names)); choose one with --cluster")
            throw ExitCode(ExitStatus.usage)
        }
        if let error = match.unit.error {
            let location = error.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
            printError("\(location)error: \(match.unit.key) (cluster \(match.cluster)): \(error.message)")
            throw ExitCode(ExitStatus.findings)
        }
        let resources = match.unit.resources.resources.map(SecretRedaction.redacted)
        switch format {
        case .yaml:
            print(try KustomizeYAML.stream(resources.map(\.node)), terminator: "")
        case .json:
            print(BuildJSON.document(resources, root: path).rendered(), terminator: "")
        }
    }

    /// NAME, NAMESPACE/NAME or KIND/NAMESPACE/NAME.
    static func matches(_ key: ObjectKey, _ query: String) -> Bool {
        let parts = query.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return key.name == parts[0]
        case 2: return key.namespace == parts[0] && key.name == parts[1]
        case 3: return key.kind == parts[0] && key.namespace == parts[1] && key.name == parts[2]
        default: return false
        }
    }
}
