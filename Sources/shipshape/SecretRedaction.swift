import Rendering

/// Rendered Secrets keep their keys but never their values: build output lands in CI logs.
enum SecretRedaction {
    static let placeholder = "**redacted**"

    static func redacted(_ resource: Resource) -> Resource {
        guard resource.kind == "Secret", resource.gvk.group.isEmpty else { return resource }
        var copy = resource
        for field in ["data", "stringData"] {
            guard let values = copy.node[field], case .mapping(let entries) = values.value else { continue }
            copy.node[field] = Node(.mapping(entries.map { entry in
                Node.Entry(key: entry.key, value: .string(placeholder, origin: entry.value.origin))
            }), origin: values.origin)
        }
        return copy
    }
}
