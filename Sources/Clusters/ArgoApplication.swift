import Rendering

/// The parts of an Argo CD `Application` that decide what it renders from this repository.
public struct ArgoApplicationSpec: Sendable {
    public var name: String
    public var namespace: String
    public var repoURL: String
    public var path: String
    /// `destination.namespace`: set on namespaced objects that have none.
    public var destinationNamespace: String?
    /// `source.kustomize`, as written.
    public var kustomize: Node?
    /// `source.directory`, as written.
    public var directory: Node?
    public var origin: Origin?
    /// Where `source.path` is written, for errors about it.
    public var pathOrigin: Origin?

    public var key: ObjectKey { ObjectKey(kind: "Application", namespace: namespace, name: name) }

    public static func isApplication(_ object: Node) -> Bool {
        object["kind"]?.text == "Application" && (object["apiVersion"]?.text ?? "").hasPrefix("argoproj.io/")
    }

    public init(object: Node, defaultNamespace: String = "argocd") throws(RenderError) {
        origin = object.origin
        guard let name = object[path: ["metadata", "name"]]?.text else {
            throw RenderError(.invalid, "Argo CD Application without metadata.name", at: object.origin)
        }
        self.name = name
        namespace = object[path: ["metadata", "namespace"]]?.text ?? defaultNamespace
        let spec = object["spec"] ?? .mapping()
        // A multi-source Application renders its first source that has a path.
        let source = spec["source"] ?? spec["sources"]?.elements.first { $0["path"] != nil }
        guard let source, let repoURL = source["repoURL"]?.text else {
            throw RenderError(.invalid, "Application \(namespace)/\(name) has no source with a repoURL", at: spec.origin ?? object.origin)
        }
        self.repoURL = repoURL
        path = source["path"]?.text ?? ""
        pathOrigin = source["path"]?.origin
        destinationNamespace = spec[path: ["destination", "namespace"]]?.text
        kustomize = source["kustomize"]
        directory = source["directory"]
    }

    /// Applies `source.kustomize` the way Argo CD edits the kustomization before building
    /// (`kustomize edit set/add …`): prefix, suffix and namespace replaced, labels and
    /// annotations merged (overwriting), images and replicas merged by name, patches and
    /// components appended.
    public func patch(_ kustomization: inout Kustomization, fileSystem: any RenderFileSystem) {
        guard let options = kustomize else { return }
        let origin = (options.origin ?? origin ?? Origin(file: kustomization.file, line: 1, column: 1))
            .changed(by: "Argo CD Application \(namespace)/\(name)")
        var node = kustomization.node
        for field in ["namePrefix", "nameSuffix", "namespace"] {
            if let value = options[field]?.text, !value.isEmpty { node[field] = .string(value, origin: origin) }
        }
        if let labels = options["commonLabels"]?.entries, !labels.isEmpty {
            if options["labelWithoutSelector"]?.text == "true" {
                var entry = Node.mapping([Node.Entry(key: "pairs", value: .mapping(labels, origin: origin)),
                                          Node.Entry(key: "includeSelectors", value: .scalar("false", tag: .bool))], origin: origin)
                if options["labelIncludeTemplates"]?.text == "true" { entry["includeTemplates"] = .scalar("true", tag: .bool) }
                node["labels"] = .sequence((node["labels"]?.elements ?? []) + [entry], origin: origin)
            } else {
                node["commonLabels"] = merged(node["commonLabels"], labels, origin: origin)
            }
        }
        if let annotations = options["commonAnnotations"]?.entries, !annotations.isEmpty {
            node["commonAnnotations"] = merged(node["commonAnnotations"], annotations, origin: origin)
        }
        if let images = options["images"]?.elements, !images.isEmpty {
            var list = node["images"]?.elements ?? []
            for image in images.compactMap(\.text).map({ Self.parseImage($0, origin: origin) }) {
                if let index = list.firstIndex(where: { $0["name"]?.text == image["name"]?.text }) {
                    for entry in image.entries { list[index][entry.key] = entry.value }
                } else {
                    list.append(image)
                }
            }
            node["images"] = .sequence(list, origin: origin)
        }
        if let replicas = options["replicas"]?.elements, !replicas.isEmpty {
            var list = node["replicas"]?.elements ?? []
            for replica in replicas {
                if let index = list.firstIndex(where: { $0["name"]?.text == replica["name"]?.text }) {
                    list[index] = replica
                } else {
                    list.append(replica)
                }
            }
            node["replicas"] = .sequence(list, origin: origin)
        }
        if let patches = options["patches"]?.elements, !patches.isEmpty {
            node["patches"] = .sequence((node["patches"]?.elements ?? []) + patches, origin: origin)
        }
        let ignoreMissing = options["ignoreMissingComponents"]?.text == "true"
        var components = node["components"]?.elements ?? []
        for component in options["components"]?.elements.compactMap(\.text) ?? [] {
            let resolved = SourcePath.join(kustomization.directory, component, clampedTo: "")
            if ignoreMissing && !fileSystem.isDirectory(resolved) && !fileSystem.isFile(resolved) { continue }
            components.append(.string(component, origin: origin))
        }
        if !components.isEmpty { node["components"] = .sequence(components, origin: origin) }
        kustomization.node = node
    }

    private func merged(_ existing: Node?, _ entries: [Node.Entry], origin: Origin) -> Node {
        var map = existing.flatMap { $0.isMapping ? $0 : nil } ?? Node.mapping(origin: origin)
        for entry in entries { map[entry.key] = entry.value }
        return map
    }

    /// `kustomize edit set image` syntax: `[old=]new[:tag][@digest]`.
    static func parseImage(_ text: String, origin: Origin) -> Node {
        var spec = Substring(text)
        var oldName: Substring?
        if let equals = spec.firstIndex(of: "=") {
            oldName = spec[..<equals]
            spec = spec[spec.index(after: equals)...]
        }
        var digest: Substring?
        if let at = spec.firstIndex(of: "@") {
            digest = spec[spec.index(after: at)...]
            spec = spec[..<at]
        }
        var tag: Substring?
        if let colon = spec.lastIndex(of: ":"), !spec[colon...].contains("/") {
            tag = spec[spec.index(after: colon)...]
            spec = spec[..<colon]
        }
        var entries = [Node.Entry(key: "name", value: .string(String(oldName ?? spec), origin: origin))]
        if oldName != nil { entries.append(Node.Entry(key: "newName", value: .string(String(spec), origin: origin))) }
        if let tag { entries.append(Node.Entry(key: "newTag", value: .string(String(tag), origin: origin))) }
        if let digest { entries.append(Node.Entry(key: "digest", value: .string(String(digest), origin: origin))) }
        return .mapping(entries, origin: origin)
    }
}

/// Repository URLs compared the way people write them: scheme, user, `.git` and case of the host ignored.
public enum RepositoryURL {
    public static func normalized(_ url: String) -> String {
        var text = Substring(url.trimmingCharacters())
        for scheme in ["https://", "http://", "ssh://", "git://", "git+ssh://"] where text.hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
        }
        if let at = text.firstIndex(of: "@"), !text[..<at].contains("/") { text = text[text.index(after: at)...] }
        var result = String(text)
        if let colon = result.firstIndex(of: ":"), !result[..<colon].contains("/") {
            // scp-like `host:org/repo`, unless the colon starts a port number.
            let rest = result[result.index(after: colon)...]
            if !(rest.first?.isNumber ?? false) { result = result[..<colon] + "/" + rest }
        }
        while result.hasSuffix("/") { result.removeLast() }
        if result.hasSuffix(".git") { result.removeLast(4) }
        if let slash = result.firstIndex(of: "/") {
            result = result[..<slash].lowercased() + result[slash...]
        }
        return result
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
