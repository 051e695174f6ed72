/// A stable rule identifier such as `flux-depends-on-missing`. Ids never change once released:
/// configuration files, inline suppressions and pre-merge baselines refer to them.
public struct RuleID: RawRepresentable, Hashable, Codable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// The catalog entry, or nil for an id the catalog does not know (a typo in a config file).
    public var descriptor: RuleDescriptor? { RuleCatalog.descriptor(for: self) }

    public var defaultSeverity: Severity { descriptor?.defaultSeverity ?? .error }
}

/// What every rule carries, whether it is written in Swift or declared in `rules/`:
/// the metadata that `shipshape rules`, SARIF and the documentation show.
public struct RuleDescriptor: Hashable, Codable, Sendable {
    public var id: RuleID
    public var category: String
    public var defaultSeverity: Severity
    /// One line, as shown in rule lists and SARIF `shortDescription`.
    public var summary: String
    /// Why it matters and how to fix it, as shown by `shipshape explain` and SARIF `help`.
    public var help: String

    public init(id: RuleID, category: String, defaultSeverity: Severity, summary: String, help: String) {
        self.id = id
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.help = help
    }
}
