import Diagnostics
import Foundation
import Rendering
import YAMLTree

/// The rules in force: the bundled `rules/` catalog plus user directories (`--rules DIR`,
/// `rulesDirectories:`), compiled once and indexed by (API group, kind).
public struct PolicyCatalog: Sendable {
    /// Sorted by id.
    public let rules: [CompiledRule]
    private let positions: [String: Int]
    /// `group|kind` (kind `*` for every kind of a group) to positions in `rules`.
    private let index: [String: [Int]]
    /// Rules matching any group (`*`, or no groups listed): checked against every object.
    private let unindexed: [Int]

    public static let empty = PolicyCatalog(checked: [])

    public init(_ rules: [CompiledRule]) throws(PolicyRuleError) {
        var seen: [String: CompiledRule] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                let place = first.rule.origin.map { " (also in \($0.file))" } ?? ""
                throw PolicyRuleError("rule id \(rule.id) is defined twice\(place)", at: rule.rule.origin)
            }
            seen[rule.id] = rule
        }
        self.init(checked: rules)
    }

    private init(checked rules: [CompiledRule]) {
        self.rules = rules.sorted { $0.id < $1.id }
        var positions: [String: Int] = [:]
        var index: [String: [Int]] = [:]
        var unindexed: [Int] = []
        for (position, compiled) in self.rules.enumerated() {
            positions[compiled.id] = position
            let match = compiled.rule.match
            if match.apiGroups.isEmpty || match.apiGroups.contains("*") {
                unindexed.append(position)
                continue
            }
            let kinds = match.kinds.contains("*") ? ["*"] : Set(match.kinds).sorted()
            for group in Set(match.apiGroups) {
                for kind in kinds { index["\(group)|\(kind)", default: []].append(position) }
            }
        }
        self.positions = positions
        self.index = index
        self.unindexed = unindexed
    }

    public func rule(_ id: String) -> CompiledRule? {
        positions[id].map { rules[$0] }
    }

    /// The rules that may match an object of this group and kind, in id order (`match` still
    /// decides on namespaces, labels, units and clusters).
    public func candidates(group: String, kind: String) -> [CompiledRule] {
        let indexed = (index["\(group)|\(kind)"] ?? []) + (index["\(group)|*"] ?? [])
        return Set(indexed + unindexed).sorted().map { rules[$0] }
    }

    /// This catalog and `other`; an id both define is an error.
    public func adding(_ other: PolicyCatalog) throws(PolicyRuleError) -> PolicyCatalog {
        try PolicyCatalog(rules + other.rules)
    }

    /// Makes the rules known to `RuleID.descriptor`, `shipshape rules` and reports.
    public func register() {
        RuleCatalog.register(rules.map(\.rule.descriptor))
    }
}

extension PolicyCatalog {
    /// `rules/**/*.yaml` as compiled into the executable (see `scripts/embed-rules.py`),
    /// parsed and compiled on first use. A bundled rule that fails to load is left out and
    /// listed in `bundledProblems`; the test suite requires that list to be empty.
    public static var bundled: PolicyCatalog { bundledLoad.catalog }

    public static var bundledProblems: [PolicyRuleError] { bundledLoad.problems }

    private static let bundledLoad: (catalog: PolicyCatalog, problems: [PolicyRuleError]) = {
        var compiled: [CompiledRule] = []
        var problems: [PolicyRuleError] = []
        for file in BundledRules.files {
            do throws(PolicyRuleError) {
                for rule in try rules(parsing: file.text, path: file.path) {
                    compiled.append(try CompiledRule(rule))
                }
            } catch {
                problems.append(error)
            }
        }
        let catalog: PolicyCatalog
        do throws(PolicyRuleError) {
            catalog = try PolicyCatalog(compiled)
        } catch {
            problems.append(error)
            catalog = PolicyCatalog(checked: [])
        }
        catalog.register()
        RuleCatalog.register([AdmissionPolicies.descriptor])
        return (catalog, problems)
    }()

    /// Every `*.yaml` under `directory` (recursively, `charts.yaml` excepted, as in `rules/`);
    /// the first file that does not load is the error.
    public static func load(directory: String) throws(PolicyRuleError) -> PolicyCatalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PolicyRuleError("rules directory \(directory) does not exist", at: nil)
        }
        let listed = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? []
        var files: [(path: String, text: String)] = []
        for file in listed where file.hasSuffix(".yaml") && (file as NSString).lastPathComponent != "charts.yaml" {
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw PolicyRuleError("cannot read \(path) as UTF-8 text", at: nil)
            }
            files.append((path, text))
        }
        return try load(files: files)
    }

    /// Rule files given as path and text, loaded in path order.
    public static func load(files: [(path: String, text: String)]) throws(PolicyRuleError) -> PolicyCatalog {
        var compiled: [CompiledRule] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            for rule in try rules(parsing: file.text, path: file.path) {
                compiled.append(try CompiledRule(rule))
            }
        }
        return try PolicyCatalog(compiled)
    }

    /// The rules of one file (one per YAML document; empty documents are skipped).
    public static func rules(parsing text: String, path: String) throws(PolicyRuleError) -> [PolicyRule] {
        let file = YAMLParser.parse(Array(text.utf8), path: path)
        if let problem = file.diagnostics.first(where: { $0.severity == .error }) {
            throw PolicyRuleError(problem.message, at: Origin(file: path, line: problem.location.line, column: problem.location.column))
        }
        var rules: [PolicyRule] = []
        for document in file.documents {
            guard let root = document.root else { continue }
            let node = Node(yaml: root)
            guard !node.isNull else { continue }
            rules.append(try PolicyRule(document: node))
        }
        return rules
    }
}

extension PolicyRule {
    /// The metadata every rule shares with the built-in ones.
    public var descriptor: RuleDescriptor {
        RuleDescriptor(id: RuleID(id), category: category, defaultSeverity: severity, summary: description, help: rationale)
    }
}
