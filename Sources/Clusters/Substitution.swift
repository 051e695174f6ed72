import Foundation
import Rendering

/// Flux post-build substitution for one Kustomization: the resolved variables and how to apply
/// them to each rendered object (kustomize-controller's `SubstituteVariables`).
public struct Substitution: Sendable {
    public struct Variable: Sendable, Equatable {
        public var value: String
        /// Where the value was defined: the `substitute` entry or the ConfigMap/Secret key.
        public var origin: Origin?

        public init(_ value: String, origin: Origin? = nil) {
            self.value = value
            self.origin = origin
        }
    }

    public static let disabledKey = "kustomize.toolkit.fluxcd.io/substitute"
    static let namePattern = "^[_[:alpha:]][_[:alpha:][:digit:]]*$"

    public var variables: [String: Variable]
    public var strategy: PostBuild.Strategy
    /// Unset variables without a default fail (kustomize-controller's StrictPostBuildSubstitutions,
    /// on by default since Flux 2.9); otherwise they read as "".
    public var strict: Bool
    /// The Kustomization doing the substitution ("flux-system/apps"), for messages and provenance.
    public var owner: String
    /// `substituteFrom` sources the repository does not render, assumed to exist in the cluster
    /// (created at bootstrap or by an operator). Their variables are unknown, so text naming an
    /// unset variable is left as written instead of failing or reading as "".
    public var externalSources: [ObjectKey] = []

    public init(variables: [String: Variable], strategy: PostBuild.Strategy = .withVariables,
                strict: Bool = true, owner: String) {
        self.variables = variables
        self.strategy = strategy
        self.strict = strict
        self.owner = owner
    }

    /// Collects the variables of `postBuild`: each `substituteFrom` source in order (later ones
    /// win), then the inline `substitute` map on top. Newlines are removed from every value.
    /// `lookup(kind, name, namespace)` finds a ConfigMap or Secret among the rendered objects;
    /// a missing, non-optional source is a `.missing` error.
    /// With `assumingExternal`, a missing source is recorded in `externalSources` instead.
    public static func resolving(_ postBuild: PostBuild, namespace: String, owner: String, strict: Bool = true,
                                 assumingExternal: Bool = false,
                                 lookup: (String, String, String) -> Node?) throws(RenderError) -> Substitution {
        var variables: [String: Variable] = [:]
        var external: [ObjectKey] = []
        for source in postBuild.substituteFrom {
            guard let object = lookup(source.kind, source.name, namespace) else {
                if source.optional { continue }
                if assumingExternal {
                    external.append(ObjectKey(kind: source.kind, namespace: namespace, name: source.name))
                    continue
                }
                let resource = source.kind == "Secret" ? "secrets" : "configmaps"
                throw RenderError(.missing,
                    "substitute from '\(source.kind)/\(source.name)' error: \(resource) \"\(source.name)\" not found (namespace \(namespace))",
                    at: source.origin)
            }
            for (key, variable) in try values(of: object, kind: source.kind, name: source.name) {
                variables[key] = variable
            }
        }
        for entry in postBuild.substitute {
            variables[entry.name] = Variable(entry.value.replacing("\n", with: ""), origin: entry.origin)
        }
        var substitution = Substitution(variables: variables, strategy: postBuild.strategy, strict: strict, owner: owner)
        substitution.externalSources = external
        return substitution
    }

    /// ConfigMap `data`, or Secret `data` (base64) overlaid with `stringData` as the API server does.
    private static func values(of object: Node, kind: String, name: String) throws(RenderError) -> [(String, Variable)] {
        var result: [(String, Variable)] = []
        for entry in object["data"]?.entries ?? [] {
            var text = entry.value.text ?? ""
            if kind == "Secret" {
                guard let decoded = Base64.decode(text) else {
                    throw RenderError(.substitution, "substitute from 'Secret/\(name)' error: data.\(entry.key) is not valid base64",
                                      at: entry.value.origin)
                }
                text = String(decoding: decoded, as: UTF8.self)
            }
            result.append((entry.key, Variable(text.replacing("\n", with: ""), origin: entry.value.origin)))
        }
        if kind == "Secret" {
            for entry in object["stringData"]?.entries ?? [] {
                result.append((entry.key, Variable((entry.value.text ?? "").replacing("\n", with: ""), origin: entry.value.origin)))
            }
        }
        return result
    }

    /// Whether the object opted out with the label or annotation `…/substitute: disabled`.
    public static func isDisabled(_ node: Node) -> Bool {
        node[path: ["metadata", "labels", disabledKey]]?.text == "disabled"
            || node[path: ["metadata", "annotations", disabledKey]]?.text == "disabled"
    }

    /// Substitutes every resource in place.
    public func apply(to resources: inout ResourceMap) throws(RenderError) {
        for index in resources.resources.indices {
            resources.resources[index].node = try apply(to: resources.resources[index].node)
        }
    }

    /// One object, as the controller does it: skipped when opted out or (with `WithVariables`)
    /// when no variable was resolved; otherwise every key and string is expanded and re-read.
    public func apply(to object: Node) throws(RenderError) -> Node {
        if Self.isDisabled(object) { return object }
        if variables.isEmpty && externalSources.isEmpty && strategy == .withVariables { return object }
        let subject = Self.describe(object)
        if let invalid = variables.keys.sorted().first(where: { !Self.isValidName($0) }) {
            throw RenderError(.substitution,
                "post build failed for '\(subject)': envsubst error: '\(invalid)' var name is invalid, must match '\(Self.namePattern)'",
                at: variables[invalid]?.origin ?? object.origin)
        }
        var walk = Walk(substitution: self)
        let result = try walk.substitute(object, path: [])
        if let first = walk.unset.first {
            var message = "post build failed for '\(subject)': envsubst error: variable substitution failed: "
                + Envsubst.Failure.variableNotSet(first.name).description + " at \(first.path)"
            let others = walk.unset.dropFirst().map { "\"\($0.name)\" at \($0.path)" }
            if !others.isEmpty { message += "; also unset: " + others.joined(separator: ", ") }
            throw RenderError(.substitution, message, at: first.origin ?? object.origin)
        }
        return result
    }

    /// `Kind/namespace/name` of an object, as error messages name it.
    static func describe(_ object: Node) -> String {
        let kind = object["kind"]?.text ?? "[noKind]"
        let name = object[path: ["metadata", "name"]]?.text ?? "[noName]"
        if let namespace = object[path: ["metadata", "namespace"]]?.text { return "\(kind)/\(namespace)/\(name)" }
        return "\(kind)/\(name)"
    }

    /// `^[_[:alpha:]][_[:alpha:][:digit:]]*$` with Go's ASCII classes.
    static func isValidName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let letter = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
            let digit = byte >= 48 && byte <= 57
            if !(letter || (!first && digit)) { return false }
            first = false
        }
        return !first
    }
}

/// One object's traversal: keys in serialised (sorted) order, so errors come in the order the
/// controller meets them, and unset variables are all collected before failing.
private struct Walk {
    let substitution: Substitution
    var unset: [(name: String, path: String, origin: Origin?)] = []

    init(substitution: Substitution) { self.substitution = substitution }

    mutating func substitute(_ node: Node, path: [String]) throws(RenderError) -> Node {
        switch node.value {
        case .scalar(let scalar):
            guard Envsubst.mayExpand(scalar.text) else { return node }
            let style = EmittedScalar.style(of: scalar.text)
            let written = EmittedScalar.written(scalar.text, style: style)
            let expanded = try expand(written, path: path, origin: node.origin)
            guard expanded != written else { return node }
            return try EmittedScalar.reparse(expanded, style: style, origin: changed(node.origin))
        case .sequence(let items):
            var copy = node
            var result: [Node] = []
            for (index, item) in items.enumerated() { result.append(try substitute(item, path: path + [String(index)])) }
            copy.value = .sequence(result)
            return copy
        case .mapping(let entries):
            var result = entries
            let order = entries.indices.sorted { Array(entries[$0].key.utf8).lexicographicallyPrecedes(Array(entries[$1].key.utf8)) }
            for index in order {
                let key = entries[index].key
                if Envsubst.mayExpand(key) {
                    result[index].key = try expand(key, path: path + [key], origin: entries[index].value.origin)
                }
                result[index].value = try substitute(entries[index].value, path: path + [key])
            }
            var copy = node
            copy.value = .mapping(result)
            return copy
        }
    }

    private func changed(_ origin: Origin?) -> Origin? {
        origin?.changed(by: "postBuild substitution (\(substitution.owner))")
    }

    private mutating func expand(_ text: String, path: [String], origin: Origin?) throws(RenderError) -> String {
        let variables = substitution.variables
        do {
            return try Envsubst.expand(text, strict: substitution.strict) { variables[$0]?.value }
        } catch .variableNotSet(let name) {
            // The value may come from a source only the cluster holds: leave the text alone.
            if !substitution.externalSources.isEmpty { return text }
            unset.append((name, path.joined(separator: "."), origin))
            // Keep going so every unset variable of the object is reported at once.
            return (try? Envsubst.expand(text, strict: false) { variables[$0]?.value }) ?? text
        } catch {
            throw RenderError(.substitution,
                "post build failed for '\(substitution.owner)': envsubst error: variable substitution failed: \(error) at \(path.joined(separator: "."))",
                at: origin)
        }
    }
}

/// Standard base64 as Kubernetes decodes Secret data (padding required, line breaks ignored).
public enum Base64 {
    public static func decode(_ text: String) -> [UInt8]? {
        let joined = text.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
        return Data(base64Encoded: joined).map(Array.init)
    }
}
