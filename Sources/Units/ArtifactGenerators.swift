import Model

/// Flux ArtifactGenerators (`source.extensions.fluxcd.io`) compose ExternalArtifacts by copying
/// paths out of other sources. A Kustomization reading such an artifact really reads the copied
/// directory of the underlying source, which is often this repository.
struct ArtifactGenerators {
    struct Copy {
        let sourceKind: String
        let sourceName: String
        let from: String
        let to: String
    }

    private var copies: [String: [Copy]] = [:]

    init(objects: [TypedObject]) {
        for case .generic(let object) in objects
        where object.kind == "ArtifactGenerator" && object.group == "source.extensions.fluxcd.io" {
            var aliases: [String: (kind: String, name: String)] = [:]
            for source in object.spec?["sources"]?.elements ?? [] {
                if let alias = source["alias"]?.string, let kind = source["kind"]?.string, let name = source["name"]?.string {
                    aliases[alias] = (kind, name)
                }
            }
            for artifact in object.spec?["artifacts"]?.elements ?? [] {
                guard let name = artifact["name"]?.string else { continue }
                for copy in artifact["copy"]?.elements ?? [] {
                    guard let from = copy["from"]?.string, let to = copy["to"]?.string,
                          let (alias, fromPath) = Self.split(from), let source = aliases[alias],
                          let (target, toPath) = Self.split(to), target == "artifact" else { continue }
                    copies[name, default: []].append(Copy(sourceKind: source.kind, sourceName: source.name, from: fromPath, to: toPath))
                }
            }
        }
    }

    /// The (source kind, source name, path in that source) a path inside an artifact comes from.
    func origin(ofPath path: String, inArtifact name: String) -> (kind: String, name: String, path: String)? {
        for copy in copies[name] ?? [] {
            if copy.to.isEmpty || path == copy.to || path.hasPrefix(copy.to + "/") {
                let rest = copy.to.isEmpty ? path : String(path.dropFirst(copy.to.count)).trimmingSlashes
                let mapped = copy.from.isEmpty ? rest : (rest.isEmpty ? copy.from : copy.from + "/" + rest)
                return (copy.sourceKind, copy.sourceName, mapped)
            }
        }
        return nil
    }

    /// `@repo/apps/x/**` becomes ("repo", "apps/x").
    private static func split(_ reference: String) -> (String, String)? {
        guard reference.hasPrefix("@") else { return nil }
        let body = reference.dropFirst()
        let alias = body.prefix { $0 != "/" }
        var path = String(body.dropFirst(alias.count)).trimmingSlashes
        for glob in ["/**", "**", "/*", "*"] where path.hasSuffix(glob) { path = String(path.dropLast(glob.count)).trimmingSlashes }
        return (String(alias), path)
    }
}

extension String {
    var trimmingSlashes: String {
        var text = Substring(self)
        while text.hasPrefix("/") || text.hasPrefix("./") { text = text.hasPrefix("./") ? text.dropFirst(2) : text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
