import YAMLTree

/// Any kind with a pod template, reduced to the pod spec and its containers.
public struct Workload: Sendable {
    public static let kinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController"]

    public struct Container: Sendable {
        public let name: String?
        public let image: String?
        public let isInit: Bool
        public let node: YAMLNode
        public func request(_ resource: String) -> String? { node.at("resources", "requests", resource)?.scalar }
        public func limit(_ resource: String) -> String? { node.at("resources", "limits", resource)?.scalar }
    }

    public let object: KubernetesObject
    public let podSpec: YAMLNode
    public let containers: [Container]
    public let replicas: Int?

    public init?(_ object: KubernetesObject) {
        guard Self.kinds.contains(object.kind), let spec = object.spec else { return nil }
        let pod: YAMLNode?
        switch object.kind {
        case "Pod": pod = spec
        case "CronJob": pod = spec.at("jobTemplate", "spec", "template", "spec")
        default: pod = spec.at("template", "spec")
        }
        guard let pod, pod.isMapping else { return nil }
        self.object = object
        self.podSpec = pod
        let initContainers = pod["initContainers"]?.elements ?? []
        let main = pod["containers"]?.elements ?? []
        containers = main.map { Container(name: $0["name"]?.string, image: $0["image"]?.string, isInit: false, node: $0) }
            + initContainers.map { Container(name: $0["name"]?.string, image: $0["image"]?.string, isInit: true, node: $0) }
        replicas = spec["replicas"]?.int
    }
}
