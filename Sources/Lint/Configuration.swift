import Diagnostics
import Graph
import Policy
import Rendering
import YAMLTree

/// `.shipshape.yaml` at the repository root:
/// ```yaml
/// exclude: ["archive/**", "**/*.tmpl.yaml"]
/// rules:
///   secret-plaintext: warning     # error | warning | info | off
/// sources:
///   GitRepository/tenants: tenants   # a Flux source that lives in this repository
/// repositoryURLs: [https://github.com/org/fleet]
/// params:                         # declarative rules' params, merged over their defaults
///   gpu-rollout-capacity: {nodes: 2, gpusPerNode: 1}
/// rulesDirectories: [policies/]   # more rule files, beside the bundled rules/ catalog
/// ```
public struct Configuration: Sendable, Equatable {
    public var exclude: [String] = []
    /// Severity overrides; nil means the rule is off.
    public var severities: [RuleID: Severity?] = [:]
    public var sources: [String: String] = [:]
    public var repositoryURLs: [String] = []
    /// Chart knowledge beyond `rules/charts.yaml` (`charts:`, same format).
    public var charts = ChartKnowledge()
    /// `params:` per declarative rule id, merged one key deep over the rule's defaults.
    public var params: [String: Node] = [:]
    /// Repository-relative directories of user rule files (`kind: Rule`).
    public var rulesDirectories: [String] = []
    /// `clusters: {NAME: {params: …}}`: per-cluster params over `params`.
    public var clusterParams: [String: [String: Node]] = [:]
    /// Rule ids named in `rules:` and `params:`, where they are written: ids that are neither
    /// built in nor bundled are checked once `rulesDirectories` are loaded (`validate(against:)`).
    var ruleReferences: [RuleReference] = []

    struct RuleReference: Sendable, Equatable {
        var id: String
        var location: SourceLocation
        var paramKeys: [(key: String, location: SourceLocation)]

        static func == (lhs: RuleReference, rhs: RuleReference) -> Bool {
            lhs.id == rhs.id && lhs.location == rhs.location && lhs.paramKeys.map(\.key) == rhs.paramKeys.map(\.key)
        }
    }

    public init() {}

    public static let fileName = ".shipshape.yaml"

    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case invalid(file: String, line: Int, column: Int, message: String)
        /// `--cluster NAME` names no cluster the repository defines.
        case unknownCluster(String, known: [String])

        public var description: String {
            switch self {
            case let .invalid(file, line, column, message): return "\(file):\(line):\(column): invalid configuration: \(message)"
            case let .unknownCluster(name, known):
                return "no cluster named \"\(name)\"; the clusters are: " + (known.isEmpty ? "none found" : known.joined(separator: ", "))
            }
        }
    }

    public func isEnabled(_ rule: RuleID) -> Bool {
        guard let override = severities[rule] else { return true }
        return override != nil
    }

    public func severity(for rule: RuleID, default severity: Severity) -> Severity? {
        guard let override = severities[rule] else { return severity }
        return override
    }

    /// Parses the file; unknown keys, unknown rule ids and wrong types are errors (exit 2), so a
    /// typo never silently disables nothing.
    public static func parse(_ bytes: [UInt8], file: String = fileName) throws(Error) -> Configuration {
        let yaml = YAMLParser.parse(bytes, path: file)
        if let problem = yaml.diagnostics.first(where: { $0.severity == .error }) {
            throw .invalid(file: file, line: problem.location.line, column: problem.location.column, message: problem.message)
        }
        var config = Configuration()
        guard let root = yaml.documents.first?.root, !root.isNull else { return config }
        guard root.isMapping else { throw invalid(root, "the file must be a mapping") }
        for (key, value) in root.entries {
            switch key.string ?? "" {
            case "exclude": config.exclude = try strings(value, "exclude")
            case "repositoryURLs": config.repositoryURLs = try strings(value, "repositoryURLs")
            case "sources":
                guard value.isMapping else { throw invalid(value, "sources must map Kind/name to a directory") }
                for (k, v) in value.entries {
                    guard let name = k.string, let dir = v.string else { throw invalid(k, "sources entries must be strings") }
                    config.sources[name] = dir
                }
            case "rules":
                guard value.isMapping else { throw invalid(value, "rules must map rule ids to a severity or off") }
                for (k, v) in value.entries {
                    guard let id = k.string else { throw invalid(k, "rule ids must be strings") }
                    config.ruleReferences.append(RuleReference(id: id, location: k.location, paramKeys: []))
                    let level = v.string ?? (v.bool == false ? "off" : "")
                    if level == "off" || level == "disabled" { config.severities[RuleID(id)] = .some(nil); continue }
                    guard let severity = Severity(rawValue: level) else { throw invalid(v, "severity must be error, warning, info or off") }
                    config.severities[RuleID(id)] = severity
                }
            case "charts":
                // Same entries as rules/charts.yaml; they extend or override the bundled ones.
                do {
                    config.charts = try ChartKnowledge(parsing: bytes, path: file)
                } catch {
                    throw .invalid(file: file, line: error.origin?.line ?? key.location.line, column: error.origin?.column ?? key.location.column,
                                   message: error.message)
                }
            case "params":
                guard value.isMapping else { throw invalid(value, "params must map rule ids to a mapping of params") }
                for (k, v) in value.entries {
                    guard let id = k.string else { throw invalid(k, "rule ids must be strings") }
                    guard v.isMapping else { throw invalid(v, "params of \(id) must be a mapping") }
                    config.params[id] = Node(yaml: v)
                    config.ruleReferences.append(RuleReference(id: id, location: k.location,
                                                               paramKeys: v.entries.map { ($0.key.string ?? "", $0.key.location) }))
                }
            case "rulesDirectories": config.rulesDirectories = try strings(value, "rulesDirectories")
            case "clusters":
                // Per cluster (by the names `lint` prints): params merged over the repository-wide ones.
                guard value.isMapping else { throw invalid(value, "clusters must map cluster names to settings") }
                for (name, settings) in value.entries {
                    guard let cluster = name.string, settings.isMapping else { throw invalid(name, "clusters entries must be mappings") }
                    for (field, body) in settings.entries {
                        guard field.string == "params" else { throw invalid(field, "unknown key \"\(field.string ?? "")\" in a cluster (expected params)") }
                        guard body.isMapping else { throw invalid(body, "params must map rule ids to a mapping of params") }
                        for (k, v) in body.entries {
                            guard let id = k.string, v.isMapping else { throw invalid(k, "params of a rule must be a mapping") }
                            config.clusterParams[cluster, default: [:]][id] = Node(yaml: v)
                            config.ruleReferences.append(RuleReference(id: id, location: k.location,
                                                                       paramKeys: v.entries.map { ($0.key.string ?? "", $0.key.location) }))
                        }
                    }
                }
            default:
                throw invalid(key, "unknown key \"\(key.string ?? "")\" (expected exclude, rules, params, clusters, rulesDirectories, sources, repositoryURLs, charts)")
            }
        }
        // Ids only user rules can define wait for them; everything else is checked now.
        if config.rulesDirectories.isEmpty {
            try config.validate(against: PolicyCatalog.bundled)
        }
        return config
    }

    /// Every id in `rules:` and `params:` names a built-in rule or one of `catalog`, and every
    /// param is one the rule documents.
    public func validate(against catalog: PolicyCatalog) throws(Error) {
        for reference in ruleReferences {
            let policy = catalog.rule(reference.id)
            guard policy != nil || RuleID(reference.id).descriptor != nil else {
                throw .invalid(file: reference.location.file, line: reference.location.line, column: reference.location.column,
                               message: "unknown rule \"\(reference.id)\"; `shipshape rules` lists them")
            }
            guard !reference.paramKeys.isEmpty else { continue }
            let documented = Set(policy?.rule.params?.keys ?? [])
            if let (key, location) = reference.paramKeys.first(where: { !documented.contains($0.key) }) {
                let known = documented.isEmpty ? "it has no params" : "its params are " + documented.sorted().joined(separator: ", ")
                throw .invalid(file: location.file, line: location.line, column: location.column,
                               message: "rule \(reference.id) has no param \"\(key)\"; \(known)")
            }
        }
    }

    private static func strings(_ node: YAMLNode, _ field: String) throws(Error) -> [String] {
        guard node.isSequence else { throw invalid(node, "\(field) must be a list of strings") }
        return try node.elements.map { (item: YAMLNode) throws(Error) -> String in
            guard let text = item.string else { throw invalid(item, "\(field) entries must be strings") }
            return text
        }
    }

    private static func invalid(_ node: YAMLNode, _ message: String) -> Error {
        .invalid(file: node.document.file, line: node.line, column: node.column, message: message)
    }
}
