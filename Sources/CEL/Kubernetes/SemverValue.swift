/// `kubernetes.Semver` as a CEL value: equal by semver precedence (build metadata ignored),
/// as blang/semver's `Equals` is; ordering is left to `compareTo` and friends, as in Kubernetes.
extension KubernetesSemver: CELOpaqueValue {
    public static let celTypeName = "kubernetes.Semver"
    public static let celType = CELType.opaque(celTypeName, [])

    public var typeName: String { Self.celTypeName }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let other = other as? KubernetesSemver else { return false }
        return self == other
    }
}
