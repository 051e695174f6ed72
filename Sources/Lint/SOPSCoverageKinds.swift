import Rendering

/// A kind designed to be committed instead of a plaintext Secret (`rules/committed-secret-kinds.yml`).
struct CommittedSecretKind: Sendable, Equatable {
    var group: String
    var kind: String
    var why: String
    /// Dotted paths to the name of the Secret an object of this kind makes; the first non-empty wins.
    var secretName: [String]
    /// Likewise for its namespace; the object's own namespace when none is set.
    var secretNamespace: [String]

    /// The bundled list. A malformed embedded file is caught by the test that parses it, so
    /// falling back to an empty list cannot go unnoticed.
    static let bundled: [CommittedSecretKind] = (try? parse(Array(CommittedSecretKinds.yaml.utf8))) ?? []

    static func parse(_ bytes: [UInt8], path: String = "rules/committed-secret-kinds.yml") throws(RenderError) -> [CommittedSecretKind] {
        let documents = try Kustomization.parseDocuments(bytes, path: path)
        return documents.flatMap { document in
            (document["kinds"]?.elements ?? []).compactMap { entry -> CommittedSecretKind? in
                guard let group = entry["group"]?.text, let kind = entry["kind"]?.text else { return nil }
                return CommittedSecretKind(group: group, kind: kind, why: entry["why"]?.text ?? "",
                                           secretName: (entry["secretName"]?.elements ?? []).compactMap(\.text),
                                           secretNamespace: (entry["secretNamespace"]?.elements ?? []).compactMap(\.text))
            }
        }
    }

    /// The entry for an object, if its kind is listed.
    static func entry(for object: Node, in kinds: [CommittedSecretKind] = bundled) -> CommittedSecretKind? {
        let apiVersion = object["apiVersion"]?.text ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let kind = object["kind"]?.text ?? ""
        return kinds.first { $0.group == group && $0.kind == kind }
    }

    /// The namespace and name of the Secret `object` makes in the cluster, when known statically.
    func producedSecret(by object: Node) -> (namespace: String, name: String)? {
        guard let name = Self.firstText(secretName, in: object) else { return nil }
        let namespace = Self.firstText(secretNamespace, in: object) ?? object[path: ["metadata", "namespace"]]?.text ?? ""
        return (namespace, name)
    }

    private static func firstText(_ paths: [String], in object: Node) -> String? {
        for path in paths {
            let keys = path.split(separator: ".").map(String.init)
            if let text = object[path: keys]?.text, !text.isEmpty { return text }
        }
        return nil
    }
}
