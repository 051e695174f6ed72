/// What well-known Helm charts install, for requirements a HelmRelease provides without the
/// repository rendering its chart (STUB: the graph-builder work replaces this with `rules/charts.yaml`).
public struct ChartKnowledge: Sendable {
    public struct Chart: Sendable, Hashable {
        /// Chart names as HelmReleases write them (`chart.spec.chart`, or the OCI chart's last path segment).
        public var names: [String]
        /// CRD groups (`cert-manager.io`) or `group/Kind` pairs the chart installs.
        public var crdGroups: [String]
        /// Node roles the release provides: `gpuDevicePlugin`, `nodeFeatureDiscovery`, `deviceClass:<name>`…
        public var provides: [String]

        public init(names: [String], crdGroups: [String] = [], provides: [String] = []) {
            self.names = names
            self.crdGroups = crdGroups
            self.provides = provides
        }
    }

    public var charts: [Chart]

    public init(charts: [Chart] = []) { self.charts = charts }

    public static let bundled = ChartKnowledge()

    public func chart(named name: String) -> Chart? { charts.first { $0.names.contains(name) } }
}
