import SourceTree

/// Why a YAML file is in the repository, decided from its path before parsing:
/// not every YAML file is a manifest, and misreading the others is the classic false positive.
public enum FileRole: Sendable, Equatable {
    /// A kustomize `kustomization.yaml`.
    case kustomization
    /// A SOPS creation-rule file.
    case sopsConfig
    /// A file of a Helm chart: `Chart.yaml`, values, and templates (not YAML until rendered).
    case helmChart(isTemplate: Bool)
    /// Anything else ending in .yaml or .yml: manifests, or YAML that a unit may never read.
    case manifest
    /// Not YAML by its name.
    case other

    public var isParsed: Bool {
        switch self {
        case .kustomization, .sopsConfig, .manifest: return true
        case .helmChart(let isTemplate): return !isTemplate
        case .other: return false
        }
    }

    public static func isYAML(_ path: String) -> Bool {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml") || path.hasSuffix("/Kustomization") || path == "Kustomization"
    }
}

/// Classifies every file of a tree; chart directories are found once from their `Chart.yaml`.
public struct FileClassifier: Sendable {
    private let chartDirectories: Set<String>

    public init(tree: SourceTree) {
        chartDirectories = Set(tree.files.filter { $0 == "Chart.yaml" || $0.hasSuffix("/Chart.yaml") }
            .map { RepositoryPath.parent(of: $0) })
    }

    public func role(of path: String) -> FileRole {
        guard FileRole.isYAML(path) else { return .other }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let chart = chartDirectory(containing: path) {
            let inside = chart.isEmpty ? path : String(path.dropFirst(chart.count + 1))
            return .helmChart(isTemplate: inside.hasPrefix("templates/") || inside.hasPrefix("charts/"))
        }
        if KustomizationFileNames.contains(name) { return .kustomization }
        if name == ".sops.yaml" || name == ".sops.yml" { return .sopsConfig }
        return .manifest
    }

    private func chartDirectory(containing path: String) -> String? {
        var directory = RepositoryPath.parent(of: path)
        while true {
            if chartDirectories.contains(directory) { return directory }
            if directory.isEmpty { return nil }
            directory = RepositoryPath.parent(of: directory)
        }
    }
}

let KustomizationFileNames: Set<String> = ["kustomization.yaml", "kustomization.yml", "Kustomization"]
