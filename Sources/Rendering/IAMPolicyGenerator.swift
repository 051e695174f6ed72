/// kustomize's builtin IAMPolicyGenerator: a ServiceAccount bound to a GKE workload identity.
enum IAMPolicyGenerator {
    static func resources(for config: Node) throws(RenderError) -> [Resource] {
        guard config["cloud"]?.text == "gke" else {
            throw RenderError(.unsupported, "IAMPolicyGenerator: only cloud 'gke' is supported", at: config["cloud"]?.origin ?? config.origin)
        }
        guard let name = config[path: ["kubernetesService", "name"]]?.text,
              let account = config[path: ["serviceAccount", "name"]]?.text,
              let project = config[path: ["serviceAccount", "projectId"]]?.text else {
            throw RenderError(.invalid, "IAMPolicyGenerator needs kubernetesService.name, serviceAccount.name and serviceAccount.projectId",
                              at: config.origin)
        }
        let origin = (config.origin ?? Origin(file: "", line: 1, column: 1)).changed(by: "IAMPolicyGenerator")
        var metadata = Node.mapping([
            .init(key: "annotations", value: .mapping([
                .init(key: "iam.gke.io/gcp-service-account", value: .string("\(account)@\(project).iam.gserviceaccount.com", origin: origin)),
            ], origin: origin)),
            .init(key: "name", value: .string(name, origin: origin)),
        ], origin: origin)
        if let namespace = config[path: ["kubernetesService", "namespace"]]?.text, !namespace.isEmpty {
            metadata["namespace"] = .string(namespace, origin: origin)
        }
        let node = Node.mapping([
            .init(key: "apiVersion", value: .string("v1", origin: origin)),
            .init(key: "kind", value: .string("ServiceAccount", origin: origin)),
            .init(key: "metadata", value: metadata),
        ], origin: origin)
        return [Resource(node: node, source: origin)]
    }
}
