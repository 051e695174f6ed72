/// `net.CIDR` as a CEL value. Like Go's `netip.Prefix ==`, equality looks at the address as
/// written (host bits included) and the prefix length, so `10.0.0.1/8 != 10.0.0.0/8`;
/// compare `masked()` values to ask whether two prefixes name the same network.
extension KubernetesCIDR: CELOpaqueValue {
    public static let celTypeName = "net.CIDR"
    public static let celType = CELType.opaque(celTypeName, [])

    public var typeName: String { Self.celTypeName }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let other = other as? KubernetesCIDR else { return false }
        return self == other
    }
}
