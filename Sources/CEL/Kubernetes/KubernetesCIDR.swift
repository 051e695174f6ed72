/// A CIDR as Kubernetes' CEL `cidr()` accepts it: Go `netip.ParsePrefix` syntax, no IPv4-mapped
/// IPv6 addresses. Host bits may be set (`192.168.0.1/24`); `masked()` clears them.
public struct KubernetesCIDR: Sendable, Hashable {
    /// The address as written, host bits included.
    public let address: KubernetesIPAddress
    public let prefixLength: Int

    public init(parsing text: String) throws(KubernetesNetworkError) {
        let bytes = Array(text.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else {
            throw .invalidPrefix(text, reason: "no '/'")
        }
        let addressBytes = Array(bytes[..<slash])
        let bitsBytes = bytes[(slash + 1)...]
        let parsed: KubernetesIPAddress
        do {
            parsed = try IPAddressParser.parse(addressBytes)
        } catch let failure {
            switch failure {
            case .zone: throw .invalidPrefix(text, reason: "IPv6 zones cannot be present in a prefix")
            case .syntax(let reason): throw .invalidPrefix(text, reason: reason)
            }
        }
        // Go accepts only plain decimal bits: no sign, no leading zero, within the family's width.
        let bitsText = String(decoding: bitsBytes, as: UTF8.self)
        guard !bitsBytes.isEmpty, bitsBytes.allSatisfy(\.isASCIIDigit),
              bitsBytes.count == 1 || bitsBytes.first != UInt8(ascii: "0"),
              bitsBytes.count <= 3, let bits = Int(bitsText), bits <= parsed.bitCount else {
            throw .invalidPrefix(text, reason: "bad bits after slash: \"\(bitsText)\"")
        }
        guard !parsed.isIPv4MappedIPv6 else { throw .mappedIPv4NotAllowed(text) }
        self.init(address: parsed, prefixLength: bits)
    }

    init(address: KubernetesIPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    public static func isValid(_ text: String) -> Bool {
        (try? KubernetesCIDR(parsing: text)) != nil
    }

    /// The network itself: host bits cleared.
    public func masked() -> KubernetesCIDR {
        KubernetesCIDR(address: address.masked(toPrefixLength: prefixLength), prefixLength: prefixLength)
    }

    public func contains(_ ip: KubernetesIPAddress) -> Bool {
        ip.family == address.family
            && ip.masked(toPrefixLength: prefixLength) == address.masked(toPrefixLength: prefixLength)
    }

    /// Whether every address of `other` lies in this network. Kubernetes' own implementation
    /// compares against the other prefix's unmasked address, so it answers false for
    /// `10.0.0.0/8` ⊇ `10.1.0.0/16`; we answer as its documentation and cel-go's
    /// network extension do.
    public func contains(_ other: KubernetesCIDR) -> Bool {
        other.address.family == address.family
            && prefixLength <= other.prefixLength
            && contains(other.address)
    }
}

extension KubernetesCIDR: CustomStringConvertible {
    public var description: String { "\(address)/\(prefixLength)" }
}
