import CEL

/// The CEL environment every rule is compiled against. Kubernetes' own libraries
/// (`quantity`, `lists`, `regex`, `urls`, `ip`/`cidr`, `sets`) are registered by the CEL module;
/// this is the one place that chooses which environment rules see.
public enum PolicyEnvironment {
    /// The variables a rule may read (README "Variables"); `namespaceObjects` and `namespaces`
    /// are bound only for rules that declare them in `needs`.
    public static let variableNames = [
        "object", "oldObject", "podSpec", "unit", "namespaceObject", "params", "variables",
        "namespaceObjects", "namespaces",
    ]

    /// Evaluation steps allowed for one expression on one object: generous for a rule that sums
    /// a namespace's workloads, small enough that a runaway comprehension ends quickly.
    public static let costLimit = 1_000_000

    public static func make() -> CEL.Environment {
        // What the API server gives ValidatingAdmissionPolicy expressions.
        var environment = CEL.Environment.kubernetes
        environment.costLimit = costLimit
        for name in variableNames { environment.declare(variable: name) }
        return environment
    }

    /// Built once: environments hold every function table, and all rules share one.
    public static let shared = make()
}
