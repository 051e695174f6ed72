/// `net.IP` as a CEL value: equal when family and bits match, whatever the spelling parsed.
extension KubernetesIPAddress: CELOpaqueValue {
    public static let celTypeName = "net.IP"
    public static let celType = CELType.opaque(celTypeName, [])

    public var typeName: String { Self.celTypeName }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let other = other as? KubernetesIPAddress else { return false }
        return self == other
    }
}
