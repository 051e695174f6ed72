import Diagnostics
import Units

/// What every check sees: the parsed repository and its units.
public struct CheckContext: Sendable {
    public let repository: ParsedRepository
    public let units: UnitGraph

    public init(repository: ParsedRepository, units: UnitGraph) {
        self.repository = repository
        self.units = units
    }
}

/// A built-in analysis. Its rules' metadata lives in `RuleCatalog`; the check only finds.
public protocol Check: Sendable {
    /// The rules this check can report, so disabled rules can skip the whole check.
    var rules: [RuleID] { get }
    func run(_ context: CheckContext) -> [Diagnostic]
}

/// Every built-in check, in a fixed order (reports sort findings anyway).
public enum BuiltinChecks {
    public static let all: [any Check] = [
        DependsOnCheck(),
        DuplicateObjectCheck(),
        PlaintextSecretCheck(),
        NotAnObjectCheck(),
    ]
}
