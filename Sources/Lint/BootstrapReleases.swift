import Graph
import Units

/// Charts a repository installs before its GitOps engine runs: the releases of a bootstrap
/// helmfile (`bootstrap/helmfile.d/*.yaml`, `helmfile.yaml`…) and Talos `extraManifests`. Home-lab repositories install
/// CRDs this way precisely so their units need no dependsOn on the operators (onedr0p,
/// joryirving, billimek in the corpus).
enum BootstrapReleases {
    static func charts(in repository: ParsedRepository) -> Set<String> {
        var charts = talosExtraManifests(in: repository)
        for path in repository.files.keys where isHelmfile(path) {
            for document in repository.files[path]?.documents ?? [] {
                for release in document.root?["releases"]?.elements ?? [] {
                    // `chart:` may be a template; the release name is then the chart's name.
                    if let chart = release["chart"]?.string, !chart.contains("{{") {
                        charts.insert(ChartKnowledge.chartName(from: chart))
                    } else if let name = release["name"]?.string, !name.contains("{{") {
                        charts.insert(name)
                    }
                }
            }
        }
        return charts
    }

    /// Talos machine configs apply `cluster.extraManifests` at bootstrap (xunholy installs the
    /// Gateway API and prometheus-operator CRDs this way). Each URL path segment is a candidate
    /// chart name; names no chart in the knowledge has are ignored.
    private static func talosExtraManifests(in repository: ParsedRepository) -> Set<String> {
        var names = Set<String>()
        for file in repository.files.values {
            for document in file.documents {
                for manifest in document.root?["cluster"]?["extraManifests"]?.elements ?? [] {
                    guard let url = manifest.string else { continue }
                    for segment in url.split(separator: "/") { names.insert(String(segment)) }
                }
            }
        }
        return names
    }

    /// The namespaces of bootstrap helmfile releases: helmfile creates them (`createNamespace`
    /// defaults to true).
    static func namespaces(in repository: ParsedRepository) -> Set<String> {
        var namespaces = Set<String>()
        for path in repository.files.keys where isHelmfile(path) {
            for document in repository.files[path]?.documents ?? [] {
                for release in document.root?["releases"]?.elements ?? [] {
                    if let namespace = release["namespace"]?.string, !namespace.contains("{{"),
                       release["createNamespace"]?.string != "false" {
                        namespaces.insert(namespace)
                    }
                }
            }
        }
        return namespaces
    }

    private static func isHelmfile(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return false }
        return name.hasPrefix("helmfile") || parts.dropLast().contains { $0 == "helmfile" || $0 == "helmfile.d" }
    }
}
