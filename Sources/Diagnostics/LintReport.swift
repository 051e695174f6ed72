/// Counts shown at the end of every report and in the JSON `summary`.
public struct LintSummary: Hashable, Codable, Sendable {
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    public var suppressed = 0
    public var files = 0
    public var objects = 0
    public var units = 0
    /// Pre-merge mode only: findings of the base revision that are gone.
    public var fixed: Int?

    public init() {}

    public mutating func count(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        }
    }
}

/// Reads one line of a source file for excerpts. The provider is responsible for redaction:
/// lines inside Secret values come back masked.
public protocol SourceLineProvider: Sendable {
    func line(_ number: Int, of file: String) -> String?
}

/// A provider with no source text, for reports that never show excerpts.
public struct NoSourceLines: SourceLineProvider {
    public init() {}
    public func line(_ number: Int, of file: String) -> String? { nil }
}

/// Everything a report format needs: sorted findings, counts, and the rules that can appear.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var summary: LintSummary
    public var rules: [RuleDescriptor]
    public var sourceLines: any SourceLineProvider
    /// The name shown as the tool in SARIF and JUnit.
    public var toolVersion: String

    public init(
        diagnostics: [Diagnostic],
        summary: LintSummary,
        rules: [RuleDescriptor] = RuleCatalog.all,
        sourceLines: any SourceLineProvider = NoSourceLines(),
        toolVersion: String = ShipshapeVersion.current
    ) {
        self.diagnostics = diagnostics.sorted()
        self.summary = summary
        self.rules = rules
        self.sourceLines = sourceLines
        self.toolVersion = toolVersion
    }
}

public enum ShipshapeVersion {
    public static let current = "0.1.0"
}
