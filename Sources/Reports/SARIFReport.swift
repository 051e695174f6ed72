import Diagnostics

/// SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps): one run whose driver
/// lists every rule, one result per diagnostic. Paths are relative to `%SRCROOT%`; the consumer
/// binds that base to the checkout. Columns count Unicode code points, as Shipshape does.
public struct SARIFReport: ReportFormatter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/shipshape-dev/shipshape"
    public static let fingerprintKey = "shipshape/v1"

    public init() {}

    public func render(_ report: LintReport) -> String {
        var seen = Set<RuleID>()
        let rules = report.rules.sorted { $0.id.rawValue < $1.id.rawValue }.filter { seen.insert($0.id).inserted }
        var indices: [RuleID: Int] = [:]
        for (index, rule) in rules.enumerated() { indices[rule.id] = index }
        let driver: JSONValue = .object([
            "name": .string("shipshape"),
            "version": .string(report.toolVersion),
            "informationUri": .string(Self.informationURI),
            "rules": .array(rules.map(Self.rule)),
        ])
        let run: JSONValue = .object([
            "tool": .object(["driver": driver]),
            "columnKind": .string("unicodeCodePoints"),
            "results": .array(report.diagnostics.map { Self.result($0, ruleIndex: indices[$0.rule]) }),
        ])
        return JSONValue.object([
            "$schema": .string(Self.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([run]),
        ]).rendered()
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// `depends-on-missing` → `DependsOnMissing`.
    static func pascalCase(_ id: RuleID) -> String {
        id.rawValue.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    static func rule(_ rule: RuleDescriptor) -> JSONValue {
        .object([
            "id": .string(rule.id.rawValue),
            "name": .string(pascalCase(rule.id)),
            "shortDescription": .object(["text": .string(rule.summary)]),
            "fullDescription": .object(["text": .string(rule.help)]),
            "help": .object(["text": .string(rule.help)]),
            "defaultConfiguration": .object(["level": .string(level(rule.defaultSeverity))]),
            "properties": .object([
                "category": .string(rule.category),
                "tags": .array([.string(rule.category)]),
            ]),
        ])
    }

    static func result(_ diagnostic: Diagnostic, ruleIndex: Int?) -> JSONValue {
        var text = diagnostic.message
        if let fix = diagnostic.fix { text += " Fix: \(fix)" }
        var members: [String: JSONValue] = [
            "ruleId": .string(diagnostic.rule.rawValue),
            "level": .string(level(diagnostic.severity)),
            "message": .object(["text": .string(text)]),
            "locations": .array([.object(["physicalLocation": physicalLocation(diagnostic.location)])]),
            "partialFingerprints": .object([fingerprintKey: .string(ReportText.fnv1a64(diagnostic.fingerprint))]),
        ]
        if let ruleIndex { members["ruleIndex"] = .int(ruleIndex) }
        if !diagnostic.related.isEmpty {
            members["relatedLocations"] = .array(diagnostic.related.enumerated().map { index, related in
                .object([
                    "id": .int(index + 1),
                    "physicalLocation": physicalLocation(related.location),
                    "message": .object(["text": .string(related.message)]),
                ])
            })
        }
        var properties: [String: JSONValue] = [:]
        if let object = diagnostic.object { properties["object"] = compact(JSONReport.object(object)) }
        if let unit = diagnostic.unit { properties["unit"] = compact(JSONReport.unit(unit)) }
        if !properties.isEmpty { members["properties"] = .object(properties) }
        return .object(members)
    }

    static func physicalLocation(_ location: SourceLocation) -> JSONValue {
        .object([
            "artifactLocation": .object([
                "uri": .string(ReportText.uriPath(location.file)),
                "uriBaseId": .string("%SRCROOT%"),
            ]),
            "region": .object([
                "startLine": .int(max(location.line, 1)),
                "startColumn": .int(max(location.column, 1)),
            ]),
        ])
    }

    /// The object without its null members (property bags carry only what is known).
    private static func compact(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(members.filter { $0.value != .null })
    }
}
