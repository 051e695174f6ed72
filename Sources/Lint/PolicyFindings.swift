import Diagnostics
import Policy
import Rendering
import SourceTree

/// The declarative rules (`rules/` and the configuration's `rulesDirectories`) evaluated on
/// every rendered object; their findings join lint's under the rules' own ids, so severities,
/// `off` and suppressions work as for built-in rules.
enum PolicyFindings {
    static func run(_ rendered: RenderedClusters, configuration: Configuration, tree: SourceTree,
                    baseObjects: [String: Node] = [:], ruleDirectories: [String] = []) throws(Configuration.Error) -> [Diagnostic] {
        var catalog = try catalog(for: configuration, tree: tree)
        for directory in ruleDirectories {
            do {
                catalog = try catalog.adding(try PolicyCatalog.load(directory: directory))
            } catch {
                throw .invalid(file: error.origin?.file ?? directory, line: error.origin?.line ?? 1, column: error.origin?.column ?? 1,
                               message: error.message)
            }
            catalog.register()
        }
        let disabled = Set(catalog.rules.map(\.id).filter { !configuration.isEnabled(RuleID($0)) })
        var settings = ClusterEvaluation.Settings(params: configuration.params, disabled: disabled, previousObjects: baseObjects)
        settings.clusterParams = configuration.clusterParams
        return ClusterEvaluation.run(catalog, on: rendered.clusters, settings: settings)
    }

    /// The bundled catalog plus the rule files under `rulesDirectories` (read from the tree, so
    /// `--rev` and `--base` see the rules of their own revision), with the configuration checked
    /// against the result.
    static func catalog(for configuration: Configuration, tree: SourceTree) throws(Configuration.Error) -> PolicyCatalog {
        guard !configuration.rulesDirectories.isEmpty else { return PolicyCatalog.bundled }
        var files: [(path: String, text: String)] = []
        for directory in configuration.rulesDirectories {
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            guard tree.isDirectory(String(prefix.dropLast())) else {
                throw .invalid(file: Configuration.fileName, line: 1, column: 1,
                               message: "rulesDirectories: \(directory) is not a directory of the repository")
            }
            for path in tree.files where path.hasPrefix(prefix) && path.hasSuffix(".yaml") && !path.hasSuffix("/charts.yaml") {
                guard let bytes = try? tree.contents(of: path) else { continue }
                files.append((path, String(decoding: bytes, as: UTF8.self)))
            }
        }
        do {
            let catalog = try PolicyCatalog.bundled.adding(try PolicyCatalog.load(files: files))
            catalog.register()
            try configuration.validate(against: catalog)
            return catalog
        } catch let error as Configuration.Error {
            throw error
        } catch let error as PolicyRuleError {
            throw .invalid(file: error.origin?.file ?? Configuration.fileName, line: error.origin?.line ?? 1,
                           column: error.origin?.column ?? 1, message: error.message)
        } catch {
            throw .invalid(file: Configuration.fileName, line: 1, column: 1, message: "\(error)")
        }
    }
}
