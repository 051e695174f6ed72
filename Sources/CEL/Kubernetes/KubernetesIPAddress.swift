/// An IP address as Kubernetes' CEL `ip()` accepts it: Go `netip.ParseAddr` syntax, minus zones
/// and IPv4-mapped IPv6 addresses (which would make one address have two spellings).
public struct KubernetesIPAddress: Sendable, Hashable {
    public enum Family: Int, Sendable {
        case ipv4 = 4
        case ipv6 = 6
    }

    public let family: Family
    /// The 128-bit value; IPv4 addresses sit in the low 32 bits.
    let high: UInt64
    let low: UInt64

    init(family: Family, high: UInt64, low: UInt64) {
        self.family = family
        self.high = family == .ipv4 ? 0 : high
        self.low = family == .ipv4 ? low & 0xffff_ffff : low
    }

    public init(parsing text: String) throws(KubernetesNetworkError) {
        let address: KubernetesIPAddress
        do {
            address = try IPAddressParser.parse(Array(text.utf8))
        } catch let failure {
            switch failure {
            case .zone: throw .zoneNotAllowed(text)
            case .syntax(let reason): throw .invalidAddress(text, reason: reason)
            }
        }
        guard !address.isIPv4MappedIPv6 else { throw .mappedIPv4NotAllowed(text) }
        self = address
    }

    public static func isValid(_ text: String) -> Bool {
        (try? KubernetesIPAddress(parsing: text)) != nil
    }

    /// CEL's `ip.isCanonical(string)`: whether the text is exactly the canonical spelling.
    public static func isCanonical(_ text: String) throws(KubernetesNetworkError) -> Bool {
        try KubernetesIPAddress(parsing: text).description == text
    }

    var isIPv4MappedIPv6: Bool { family == .ipv6 && high == 0 && low >> 32 == 0xffff }

    var bitCount: Int { family == .ipv4 ? 32 : 128 }

    /// The first two bytes of an IPv6 address.
    private var leadingGroup: UInt16 { UInt16(truncatingIfNeeded: high >> 48) }
    private func octet(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: low >> (24 - 8 * index)) }

    public var isUnspecified: Bool { high == 0 && low == 0 }

    public var isLoopback: Bool {
        family == .ipv4 ? octet(0) == 127 : (high == 0 && low == 1)
    }

    public var isMulticast: Bool {
        family == .ipv4 ? octet(0) & 0xf0 == 0xe0 : high >> 56 == 0xff
    }

    public var isLinkLocalMulticast: Bool {
        family == .ipv4 ? (octet(0) == 224 && octet(1) == 0 && octet(2) == 0) : leadingGroup & 0xff0f == 0xff02
    }

    public var isLinkLocalUnicast: Bool {
        family == .ipv4 ? (octet(0) == 169 && octet(1) == 254) : leadingGroup & 0xffc0 == 0xfe80
    }

    /// Go's definition: private ranges and unique-local addresses still count as global unicast.
    public var isGlobalUnicast: Bool {
        if family == .ipv4, isUnspecified || low == 0xffff_ffff { return false }
        return !isUnspecified && !isLoopback && !isMulticast && !isLinkLocalUnicast
    }

    /// The address with every bit after the first `bits` cleared.
    func masked(toPrefixLength bits: Int) -> KubernetesIPAddress {
        let offset = family == .ipv4 ? 96 : 0
        let total = offset + max(0, min(bits, bitCount))
        let highMask: UInt64 = total >= 64 ? .max : (total == 0 ? 0 : ~(UInt64.max >> total))
        let lowBits = total - 64
        let lowMask: UInt64 = lowBits <= 0 ? 0 : (lowBits >= 64 ? .max : ~(UInt64.max >> lowBits))
        return KubernetesIPAddress(family: family, high: high & highMask, low: low & lowMask)
    }
}

extension KubernetesIPAddress: CustomStringConvertible {
    /// Go's canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as `::`).
    public var description: String {
        if family == .ipv4 {
            return (0..<4).map { String(octet($0)) }.joined(separator: ".")
        }
        let groups = (0..<8).map { index -> UInt16 in
            let word = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: word >> (48 - 16 * (index % 4)))
        }
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { (bestStart, bestLength) = (runStart, index - runStart) }
                runStart = -1
            }
        }
        // A single zero group is written out, never shortened to `::`.
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if !text.isEmpty, !text.hasSuffix(":") { text += ":" }
            text += String(groups[index], radix: 16)
            index += 1
        }
        return text
    }
}

/// Why an IP address or CIDR was refused; the wording follows Kubernetes' messages.
public enum KubernetesNetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidAddress(String, reason: String)
    case zoneNotAllowed(String)
    case mappedIPv4NotAllowed(String)
    case invalidPrefix(String, reason: String)

    public var description: String {
        switch self {
        case .invalidAddress(let text, let reason):
            "IP Address \(quoted(text)) parse error during conversion from string: \(reason)"
        case .zoneNotAllowed(let text):
            "IP address \(quoted(text)) with zone value is not allowed"
        case .mappedIPv4NotAllowed(let text):
            "IPv4-mapped IPv6 address \(quoted(text)) is not allowed"
        case .invalidPrefix(let text, let reason):
            "network address parse error during conversion from string: netip.ParsePrefix(\(quoted(text))): \(reason)"
        }
    }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }
}
