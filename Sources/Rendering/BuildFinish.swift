/// The last steps of a top-level build: ordering and the managed-by label.
enum BuildFinish {
    static func sort(_ map: inout ResourceMap, kustomization: Kustomization, reorder: Reorder?) throws(RenderError) {
        if let sortOptions = kustomization["sortOptions"] {
            map.resources = try ResourceSortOrder(sortOptions: sortOptions).apply(to: map.resources)
            return
        }
        if reorder ?? .legacy == .legacy {
            map.resources = ResourceOrder.legacy(map.resources)
        }
    }

    static func addManagedByLabel(_ map: inout ResourceMap, kustomization: Kustomization, options: BuildOptions) {
        guard options.addManagedByLabel || kustomization.strings("buildMetadata").contains("managedByLabel") else { return }
        let value = "kustomize-\(options.managedByVersion)"
        for index in map.resources.indices {
            map.resources[index].node[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]] = .string(value)
        }
    }

    /// `buildMetadata: [originAnnotations]`: where each object came from, relative to the build directory.
    static func annotateOrigins(_ map: inout ResourceMap, kustomization: Kustomization) {
        guard kustomization.strings("buildMetadata").contains("originAnnotations") else { return }
        let top = kustomization.directory
        for index in map.resources.indices {
            let resource = map.resources[index]
            var lines: [String]
            if let generator = resource.generator {
                lines = ["configuredIn: \(relativePath(from: top, to: generator.configuredIn))",
                         "configuredBy:", "  apiVersion: builtin", "  kind: \(generator.kind)"]
                if let name = generator.name { lines.append("  name: \(name)") }
            } else {
                lines = ["path: \(relativePath(from: top, to: resource.source.file))"]
            }
            map.resources[index].node[path: ["metadata", "annotations", "config.kubernetes.io/origin"]] =
                .string(lines.joined(separator: "\n") + "\n")
        }
    }

    /// `buildMetadata: [transformerAnnotations]`: the builtin transformers that ran over each object.
    static func annotateTransformations(_ map: inout ResourceMap, kustomization: Kustomization) {
        guard kustomization.strings("buildMetadata").contains("transformerAnnotations") else { return }
        let top = kustomization.directory
        for index in map.resources.indices where !map.resources[index].transformations.isEmpty {
            let lines = map.resources[index].transformations.flatMap { step in
                ["- configuredIn: \(relativePath(from: top, to: step.configuredIn))",
                 "  configuredBy:", "    apiVersion: builtin", "    kind: \(step.kind)"]
            }
            map.resources[index].node[path: ["metadata", "annotations", "alpha.config.kubernetes.io/transformations"]] =
                .string(lines.joined(separator: "\n") + "\n")
        }
    }

    /// `../base/service.yaml` from `prod` to `base/service.yaml`.
    static func relativePath(from directory: String, to path: String) -> String {
        let from = directory.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
