import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import Reports
import SourceTree

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render a kustomization as `kustomize build` does (natively, no kustomize binary).",
        discussion: """
        Prints the rendered objects as kustomize prints them. Secret values are redacted.
        Exit status: 0 rendered, 1 the build failed (the error names file:line:column), 2 usage error.
        """
    )

    @Argument(help: "The kustomization directory.")
    var path: String = "."

    @Option(help: "Output order: legacy (kustomize's default) or none (accumulation order).")
    var reorder: Reorder = .legacy

    @Option(name: .customLong("load-restrictor"), help: "root-only (kustomize's default) or none (files anywhere inside the repository).")
    var loadRestrictor: LoadRestrictorOption = .rootOnly

    @Option(help: "Output format: yaml, or json (objects with the provenance of every field).")
    var format: BuildFormat = .yaml

    @Option(help: "Render one Flux Kustomization or Argo CD Application of the repository at PATH, as its controller would: NAME, NAMESPACE/NAME or KIND/NAMESPACE/NAME.")
    var unit: String?

    @Option(help: "With --unit: the cluster to look in, when several define the unit.")
    var cluster: String?

    @Option(name: .customLong("cluster-root"), help: "With --unit: also render this directory as a cluster root (repeatable).")
    var clusterRoots: [String] = []

    @Option(name: .customLong("source"), help: "With --unit: map a Flux source to a directory of the repository: KIND/NAME=DIR (repeatable).")
    var sources: [String] = []

    func validate() throws {
        if unit == nil && (cluster != nil || !clusterRoots.isEmpty || !sources.isEmpty) {
            throw ValidationError("--cluster, --cluster-root and --source select a unit: use them with --unit")
        }
        try validateSourceMappings(sources)
    }

    func run() throws {
        if let unit {
            try UnitBuild(path: path, unit: unit, cluster: cluster, clusterRoots: clusterRoots, sources: sources).run(format: format)
            return
        }
        let location = try BuildLocation(path: path)
        let tree = try SourceTree.workingDirectory(at: location.root)
        let kustomizer = Kustomizer(fileSystem: TreeFileSystem(tree: tree),
                                    options: BuildOptions(loadRestriction: loadRestrictor.restriction, reorder: reorder))
        let map: ResourceMap
        do {
            map = try kustomizer.build(directory: location.directory)
        } catch {
            printError(location.describe(error))
            throw ExitCode(ExitStatus.findings)
        }
        let resources = map.resources.map(SecretRedaction.redacted)
        switch format {
        case .yaml:
            print(try KustomizeYAML.stream(resources.map(\.node)), terminator: "")
        case .json:
            print(BuildJSON.document(resources, root: location.root).rendered(), terminator: "")
        }
    }
}

enum BuildFormat: String, ExpressibleByArgument, CaseIterable { case yaml, json }

enum LoadRestrictorOption: String, ExpressibleByArgument, CaseIterable {
    case rootOnly = "root-only"
    case none
    case legacyRootOnly = "LoadRestrictionsRootOnly"
    case legacyNone = "LoadRestrictionsNone"

    var restriction: LoadRestriction {
        switch self {
        case .rootOnly, .legacyRootOnly: return .rootOnly
        case .none, .legacyNone: return .none
        }
    }
}

extension Reorder: ExpressibleByArgument {}

/// The directory to build, relative to the tree it is read from: the enclosing Git work tree,
/// so `--load-restrictor none` may reach siblings but never leaves the repository.
struct BuildLocation {
    let root: String
    let directory: String

    init(path: String) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(path) is not a directory")
        }
        var candidate = URL(fileURLWithPath: absolute)
        var root = absolute
        while candidate.path != "/" {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
                root = candidate.path
                break
            }
            candidate.deleteLastPathComponent()
        }
        self.root = root
        directory = absolute == root ? "" : String(absolute.dropFirst(root.count + 1))
    }

    func describe(_ error: RenderError) -> String {
        guard let location = error.location else { return "error: \(error.message)" }
        return "\(location.file):\(location.line):\(location.column): error: \(error.message)"
    }
}
