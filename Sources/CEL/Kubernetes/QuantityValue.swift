/// `kubernetes.Quantity` as a CEL value. Equality is by numeric value (`200M == 0.2G`), as
/// Kubernetes' `Quantity.Equal` does; there is no `<` ordering, because Kubernetes leaves
/// comparison to `compareTo`, `isLessThan` and `isGreaterThan`.
extension KubernetesQuantity: CELOpaqueValue {
    public static let celTypeName = "kubernetes.Quantity"
    public static let celType = CELType.opaque(celTypeName, [])

    public var typeName: String { Self.celTypeName }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let other = other as? KubernetesQuantity else { return false }
        return self == other
    }
}
