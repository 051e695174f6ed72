import YAMLTree

/// Whether reference paths may leave the kustomization's directory (kustomize's load restrictor).
public enum LoadRestriction: String, Sendable {
    /// Files must be inside the directory of the kustomization that names them (kustomize's default).
    case rootOnly
    /// Files anywhere inside the source tree (Flux's setting; `--load-restrictor LoadRestrictorNone`).
    case none
}

/// A kustomization or component file, kept as a tree so each stage reads the fields it owns.
public struct Kustomization: Sendable {
    public enum Kind: String, Sendable { case kustomization = "Kustomization", component = "Component" }

    public static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    public var kind: Kind
    /// The file it was read from; for a generated kustomization, the directory it stands in.
    public var file: String
    /// The directory its references are relative to.
    public var directory: String
    public var node: Node

    public init(kind: Kind, file: String, directory: String, node: Node) {
        self.kind = kind
        self.file = file
        self.directory = directory
        self.node = node
    }

    public subscript(key: String) -> Node? { node[key] }

    /// A list of strings (`resources`, `components`, `crds`…); a lone string counts as one item.
    public func strings(_ key: String) -> [String] {
        guard let value = node[key] else { return [] }
        if let text = value.text { return [text] }
        return value.elements.compactMap(\.text)
    }

    public func string(_ key: String) -> String? { node[key]?.text }

    /// Where a field is written, for diagnostics.
    public func origin(of key: String) -> Origin? { node[key]?.origin ?? node.origin }

    /// The kustomization file in `directory`, if any.
    public static func file(in directory: String, fileSystem: RenderFileSystem) -> String? {
        fileNames.lazy.map { join(directory, $0) }.first(where: fileSystem.isFile)
    }

    /// Reads and checks the kustomization file in `directory`.
    public static func load(from directory: String, fileSystem: RenderFileSystem) throws(RenderError) -> Kustomization {
        guard let file = file(in: directory, fileSystem: fileSystem) else {
            throw RenderError(.missing,
                "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(displayPath(directory))'")
        }
        // kustomize reads its own file leniently: a repeated identical header key is accepted.
        let documents = try parseDocuments(try fileSystem.read(file), path: file, allowingDuplicateKeys: true)
        guard documents.count <= 1 else {
            throw RenderError(.invalid, "kustomization file \(file) holds \(documents.count) documents; expected one", at: documents[1].origin)
        }
        let node = documents.first ?? .mapping(origin: Origin(file: file, line: 1, column: 1))
        guard node.isMapping || node.isNull else {
            throw RenderError(.invalid, "invalid Kustomization: \(file) is not a mapping", at: node.origin)
        }
        let kindName = node["kind"]?.text ?? "Kustomization"
        guard let kind = Kind(rawValue: kindName) else {
            throw RenderError(.invalid, "kind should be Kustomization or Component, not \(kindName)", at: node["kind"]?.origin)
        }
        return Kustomization(kind: kind, file: file, directory: directory, node: node.isNull ? .mapping() : node)
    }

    /// Parses YAML documents into nodes, turning syntax errors into a positioned `RenderError`.
    public static func parseDocuments(_ bytes: [UInt8], path: String,
                                      allowingDuplicateKeys: Bool = false) throws(RenderError) -> [Node] {
        let parsed = YAMLParser.parse(bytes, path: path)
        for error in parsed.diagnostics where error.severity == .error {
            if error.rule == .yamlDuplicateKey {
                if allowingDuplicateKeys { continue }
                // kustomize's wording (go-yaml): `mapping key "env" already defined at line 12`.
                let key = error.message.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                let first = error.related.first?.location.line ?? error.location.line
                throw RenderError(.invalid, "mapping key \"\(key)\" already defined at line \(first)", at: error.location)
            }
            throw RenderError(.invalid, "MalformedYAMLError: \(error.message) in File: \(path)", at: error.location)
        }
        return parsed.documents.compactMap { $0.root.map(Node.init(yaml:)) }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }

    /// Paths as kustomize prints them: rooted at "/".
    static func displayPath(_ path: String) -> String { "/" + path }
}
