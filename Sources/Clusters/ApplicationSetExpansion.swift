import Foundation
import Rendering

/// Argo CD ApplicationSets whose generators are static (`list`): the Applications they create,
/// by substituting each element into `spec.template` as the ApplicationSet controller does —
/// `{{key}}` (fasttemplate, nested keys dotted) or, with `goTemplate: true`, `{{ .key }}`.
/// Other generators (clusters, git, SCM, pull requests, plugins, matrix) depend on state outside
/// the repository, so they are reported as not rendered.
enum ApplicationSetExpansion {
    static func isApplicationSet(_ object: Node) -> Bool {
        object["kind"]?.text == "ApplicationSet" && (object["apiVersion"]?.text ?? "").hasPrefix("argoproj.io/")
    }

    static func applications(from set: Node) throws(RenderError) -> [Node] {
        let name = set[path: ["metadata", "name"]]?.text ?? "?"
        guard let spec = set["spec"], let template = spec["template"] else {
            throw RenderError(.invalid, "ApplicationSet \(name) has no spec.template", at: set.origin)
        }
        let goTemplate = spec["goTemplate"]?.text == "true"
        var applications: [Node] = []
        for generator in spec["generators"]?.elements ?? [] {
            guard let list = generator["list"], generator.keys.count == 1 else {
                let kinds = generator.keys.joined(separator: ", ")
                throw RenderError(.unsupported, "ApplicationSet \(name): the \(kinds) generator depends on state outside the repository; only list generators are rendered",
                                  at: generator.origin ?? set.origin)
            }
            for element in list["elements"]?.elements ?? [] {
                var parameters: [String: String] = [:]
                flatten(element, prefix: "", into: &parameters)
                var application = try substitute(template, parameters: parameters, goTemplate: goTemplate, set: name)
                application["apiVersion"] = .string(set["apiVersion"]?.text ?? "argoproj.io/v1alpha1", origin: set.origin)
                application["kind"] = .string("Application", origin: set.origin)
                if application[path: ["metadata", "namespace"]] == nil, let namespace = set[path: ["metadata", "namespace"]] {
                    application[path: ["metadata", "namespace"]] = namespace
                }
                application.origin = element.origin ?? set.origin
                applications.append(application)
            }
        }
        return applications
    }

    private static func flatten(_ node: Node, prefix: String, into parameters: inout [String: String]) {
        for entry in node.entries {
            let key = prefix.isEmpty ? entry.key : prefix + "." + entry.key
            if entry.value.isMapping {
                flatten(entry.value, prefix: key, into: &parameters)
            } else if let text = entry.value.text {
                parameters[key] = text
            }
        }
    }

    private static func substitute(_ node: Node, parameters: [String: String], goTemplate: Bool, set: String) throws(RenderError) -> Node {
        var copy = node
        switch node.value {
        case .scalar(let scalar):
            guard scalar.text.contains("{{") else { return node }
            let text = try expand(scalar.text, parameters: parameters, goTemplate: goTemplate, set: set, origin: node.origin)
            copy.value = .scalar(Scalar(text, tag: .string))
            copy.origin = node.origin?.changed(by: "ApplicationSet \(set)")
        case .sequence(let items):
            var result: [Node] = []
            for item in items { result.append(try substitute(item, parameters: parameters, goTemplate: goTemplate, set: set)) }
            copy.value = .sequence(result)
        case .mapping(let entries):
            var result: [Node.Entry] = []
            for entry in entries {
                let key = entry.key.contains("{{")
                    ? try expand(entry.key, parameters: parameters, goTemplate: goTemplate, set: set, origin: entry.value.origin) : entry.key
                result.append(Node.Entry(key: key, value: try substitute(entry.value, parameters: parameters, goTemplate: goTemplate, set: set)))
            }
            copy.value = .mapping(result)
        }
        return copy
    }

    /// Replaces every `{{ key }}` (`{{ .key }}` with goTemplate); anything else inside braces
    /// (functions, pipelines) is not evaluated and is an error rather than a guess.
    private static func expand(_ text: String, parameters: [String: String], goTemplate: Bool, set: String,
                               origin: Origin?) throws(RenderError) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw RenderError(.invalid, "ApplicationSet \(set): unclosed template in '\(text)'", at: origin)
            }
            var key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)[...]
            if goTemplate {
                guard key.hasPrefix(".") else {
                    throw RenderError(.unsupported, "ApplicationSet \(set): template '{{\(key)}}' is not a plain parameter and is not evaluated", at: origin)
                }
                key = key.dropFirst()
            }
            guard let value = parameters[String(key)] else {
                throw RenderError(.unsupported, "ApplicationSet \(set): template parameter '\(key)' is not set by the list generator", at: origin)
            }
            output += value
            rest = rest[close.upperBound...]
        }
        return output + rest
    }
}
