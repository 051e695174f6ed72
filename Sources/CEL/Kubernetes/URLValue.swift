/// `kubernetes.URL` as a CEL value: equal when every parsed component is equal (Kubernetes
/// compares the Go structs), with no ordering.
extension KubernetesURL: CELOpaqueValue {
    public static let celTypeName = "kubernetes.URL"
    public static let celType = CELType.opaque(celTypeName, [])

    public var typeName: String { Self.celTypeName }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let other = other as? KubernetesURL else { return false }
        return self == other
    }
}

extension KubernetesURL: CustomStringConvertible {
    /// The URL reassembled the way Go's `URL.String()` does, for `string(url)` and diagnostics.
    /// User info is not kept by the parser, so it is not printed.
    public var description: String {
        var text = scheme.isEmpty ? "" : scheme + ":"
        if !opaque.isEmpty {
            text += opaque
        } else {
            let path = escapedPath
            if !scheme.isEmpty || !host.isEmpty, !host.isEmpty || !path.isEmpty {
                text += "//" + host
            }
            if !path.isEmpty, !path.hasPrefix("/"), !host.isEmpty { text += "/" }
            text += path
        }
        if !rawQuery.isEmpty { text += "?" + rawQuery }
        return text
    }
}
