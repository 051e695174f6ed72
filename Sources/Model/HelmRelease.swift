import YAMLTree

/// `helm.toolkit.fluxcd.io` HelmRelease: a Flux unit that installs a chart.
public struct HelmRelease: Sendable {
    public static let group = "helm.toolkit.fluxcd.io"

    public let object: KubernetesObject
    public let chartName: String?
    public let chartVersion: String?
    /// `spec.chart.spec.sourceRef` (HelmRepository, GitRepository, Bucket).
    public let chartSourceRef: ObjectRef?
    /// `spec.chartRef` (OCIRepository or HelmChart).
    public let chartRef: ObjectRef?
    public let dependsOn: [ObjectRef]
    public let valuesFrom: [ObjectRef]
    public let targetNamespace: String?
    public let releaseName: String?
    public let suspend: Bool
    public let interval: String?

    public init?(_ object: KubernetesObject) {
        guard object.kind == "HelmRelease", object.group == Self.group else { return nil }
        self.object = object
        let spec = object.spec
        let chartSpec = spec?.at("chart", "spec")
        chartName = chartSpec?["chart"]?.string
        chartVersion = chartSpec?["version"]?.string
        chartSourceRef = chartSpec?["sourceRef"].flatMap { ObjectRef($0) }
        chartRef = spec?["chartRef"].flatMap { ObjectRef($0) }
        dependsOn = spec?["dependsOn"]?.elements.compactMap { ObjectRef($0, defaultKind: "HelmRelease") } ?? []
        valuesFrom = spec?["valuesFrom"]?.elements.compactMap { ObjectRef($0) } ?? []
        targetNamespace = spec?["targetNamespace"]?.string
        releaseName = spec?["releaseName"]?.string
        suspend = spec?["suspend"]?.bool ?? false
        interval = spec?["interval"]?.string
    }

    public var name: String { object.name ?? "" }
    public var namespace: String? { object.namespace }
}
