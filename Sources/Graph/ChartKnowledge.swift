import Rendering

/// What well-known Helm charts install, for requirements a HelmRelease (or an Argo CD Application
/// of a Helm chart) provides without the repository rendering its chart. The data lives in
/// `rules/charts.yaml`; `bundled` is that file, embedded at build time.
public struct ChartKnowledge: Sendable, Equatable {
    public struct Chart: Sendable, Hashable {
        /// Chart names as releases write them (`chart.spec.chart`, or the OCI chart's last path segment).
        public var names: [String]
        /// CRD groups (`cert-manager.io`) or `group/Kind` pairs the chart installs.
        public var crdGroups: [String]
        /// Capabilities the release provides: `gpuDevicePlugin:<resource domain>`,
        /// `nodeFeatureDiscovery`, `deviceClass:<name>`.
        public var provides: [String]

        public init(names: [String], crdGroups: [String] = [], provides: [String] = []) {
            self.names = names
            self.crdGroups = crdGroups
            self.provides = provides
        }

        var capabilities: [Capability] { provides.compactMap(Capability.init) }
    }

    public var charts: [Chart]

    public init(charts: [Chart] = []) { self.charts = charts }

    /// `rules/charts.yaml` as shipped. A malformed embedded file is caught by the test that
    /// parses it, so falling back to no knowledge cannot go unnoticed.
    public static let bundled: ChartKnowledge = (try? ChartKnowledge(parsing: Array(BundledCharts.yaml.utf8),
                                                                     path: "rules/charts.yaml")) ?? ChartKnowledge()

    /// Reads the `charts:` list of a rules file (or of `.shipshape.yaml`).
    public init(parsing bytes: [UInt8], path: String = "charts.yaml") throws(ChartKnowledgeError) {
        let documents: [Node]
        do {
            documents = try Kustomization.parseDocuments(bytes, path: path)
        } catch {
            throw ChartKnowledgeError(message: error.message, origin: nil, location: error.location.map { "\($0.file):\($0.line)" })
        }
        var charts: [Chart] = []
        for document in documents where !document.isNull {
            guard let list = document["charts"] else { continue }
            guard list.isSequence else { throw ChartKnowledgeError(message: "`charts` must be a list", origin: list.origin) }
            for entry in list.elements { charts.append(try Self.chart(from: entry)) }
        }
        self.charts = charts
    }

    private static func chart(from entry: Node) throws(ChartKnowledgeError) -> Chart {
        guard entry.isMapping else { throw ChartKnowledgeError(message: "a chart entry must be a mapping", origin: entry.origin) }
        for key in entry.keys where !["names", "crds", "provides"].contains(key) {
            throw ChartKnowledgeError(message: "unknown chart field `\(key)` (expected names, crds, provides)", origin: entry[key]?.origin)
        }
        let names = try strings(entry["names"], field: "names")
        guard !names.isEmpty else { throw ChartKnowledgeError(message: "a chart entry needs `names`", origin: entry.origin) }
        let provides = try strings(entry["provides"], field: "provides")
        for capability in provides where Capability(capability) == nil {
            throw ChartKnowledgeError(message: "unknown capability `\(capability)` (expected gpuDevicePlugin:<domain>, nodeFeatureDiscovery, deviceClass:<name>)",
                                      origin: entry["provides"]?.origin)
        }
        return Chart(names: names, crdGroups: try strings(entry["crds"], field: "crds"), provides: provides)
    }

    private static func strings(_ node: Node?, field: String) throws(ChartKnowledgeError) -> [String] {
        guard let node else { return [] }
        if let text = node.text { return [text] }
        guard node.isSequence else { throw ChartKnowledgeError(message: "`\(field)` must be a list of strings", origin: node.origin) }
        var result: [String] = []
        for element in node.elements {
            guard let text = element.text, !text.isEmpty else {
                throw ChartKnowledgeError(message: "`\(field)` must be a list of strings", origin: element.origin)
            }
            result.append(text)
        }
        return result
    }

    /// This knowledge extended by `other`, whose entries win for the chart names they list.
    public func merging(_ other: ChartKnowledge) -> ChartKnowledge {
        let overridden = Set(other.charts.flatMap(\.names))
        let kept = charts.compactMap { chart -> Chart? in
            var copy = chart
            copy.names.removeAll { overridden.contains($0) }
            return copy.names.isEmpty ? nil : copy
        }
        return ChartKnowledge(charts: other.charts + kept)
    }

    public func chart(named name: String) -> Chart? {
        let short = Self.chartName(from: name)
        return charts.first { $0.names.contains(short) }
    }

    /// The chart name a reference ends in: `oci://ghcr.io/org/charts/cert-manager:v1` →
    /// `cert-manager`; `./charts/app` → `app`.
    public static func chartName(from reference: String) -> String {
        var text = Substring(reference)
        while text.hasSuffix("/") { text.removeLast() }
        if let slash = text.lastIndex(of: "/") { text = text[text.index(after: slash)...] }
        if let at = text.firstIndex(of: "@") { text = text[..<at] }
        if let colon = text.firstIndex(of: ":") { text = text[..<colon] }
        return String(text)
    }
}

/// A malformed chart rules file, at the entry to fix.
public struct ChartKnowledgeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var origin: Origin?
    /// `file:line` when the YAML itself could not be read.
    public var location: String?

    public init(message: String, origin: Origin?, location: String? = nil) {
        self.message = message
        self.origin = origin
        self.location = location
    }

    public var description: String {
        if let origin { return "\(origin.file):\(origin.line): \(message)" }
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// What a node can provide besides CRDs, whether it is an object of the render or a chart release.
enum Capability: Hashable, Sendable {
    /// Advertises GPU extended resources of a domain: `nvidia.com`, `gpu.intel.com`, `amd.com`.
    case gpuDevicePlugin(String)
    case nodeFeatureDiscovery
    /// A DRA DeviceClass by name (`gpu.intel.com`).
    case deviceClass(String)

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("gpuDevicePlugin", 2): self = .gpuDevicePlugin(parts[1])
        case ("nodeFeatureDiscovery", 1): self = .nodeFeatureDiscovery
        case ("deviceClass", 2): self = .deviceClass(parts[1])
        default: return nil
        }
    }
}
