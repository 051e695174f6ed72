extension CEL.Environment {
    /// Kubernetes' per-expression runtime cost limit (`PerCallLimit`).
    public static let kubernetesPerCallCostLimit = 1_000_000

    /// The environment Kubernetes compiles ValidatingAdmissionPolicy and CRD validation rules
    /// in: the standard library with optionals, the strings extension, Kubernetes' lists,
    /// regex, URL, IP, CIDR, quantity and semver libraries, the sets extension, homogeneous
    /// aggregate literals (enforced when compiling with `checks`) and the per-call cost limit.
    /// Declare `object`, `oldObject`, `params`... on top.
    /// Built once: every policy compiles against it, and registration is not free.
    public static let kubernetes: CEL.Environment = {
        var environment = CEL.Environment.standard
        environment.addKubernetesLibraries()
        return environment
    }()

    /// Adds everything `kubernetes` has beyond the standard library to this environment.
    public mutating func addKubernetesLibraries() {
        addStringsExtension()
        addKubernetesListsLibrary()
        addKubernetesRegexLibrary()
        addKubernetesURLLibrary()
        addKubernetesIPLibrary()
        addKubernetesCIDRLibrary()
        addKubernetesQuantityLibrary()
        addKubernetesSemverLibrary()
        addSetsExtension()
        rejectsHeterogeneousAggregates = true
        costLimit = Self.kubernetesPerCallCostLimit
    }

    /// cel-go's `ext.Network` library: the same `ip`/`cidr` functions as Kubernetes'
    /// `kubernetes.net.ip` and `kubernetes.net.cidr`, with the same strict parsing (no zones,
    /// no IPv4-mapped IPv6 addresses in either spelling).
    public mutating func addNetworkExtension() {
        addKubernetesIPLibrary()
        addKubernetesCIDRLibrary()
    }
}

extension CEL.Value {
    /// The extension value inside `.opaque`, if it has type `T`.
    func opaqueValue<T: CELOpaqueValue>(_ type: T.Type) -> T? {
        guard case .opaque(let value) = self else { return nil }
        return value as? T
    }

    /// An error value carrying a library error's message.
    static func failure(_ error: some Error) -> CEL.Value {
        .error(CEL.EvaluationError("\(error)"))
    }
}
