/// Address syntax as Go's `net/netip` reads it; strict where Go is strict (no leading zeros in
/// IPv4 fields, at most 4 hex digits per IPv6 group, `::` standing for at least one group).
enum IPAddressParser {
    enum Failure: Error {
        case syntax(String)
        /// Well-formed, but with a `%zone` suffix.
        case zone
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> KubernetesIPAddress {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."): return try parseIPv4(bytes[...])
            case UInt8(ascii: ":"): return try parseIPv6(bytes)
            case UInt8(ascii: "%"): throw .syntax("missing IPv6 address")
            default: continue
            }
        }
        throw .syntax("unable to parse IP")
    }

    static func parseIPv4(_ bytes: ArraySlice<UInt8>) throws(Failure) -> KubernetesIPAddress {
        let octets = try ipv4Octets(bytes)
        let value = octets.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return KubernetesIPAddress(family: .ipv4, high: 0, low: value)
    }

    private static func ipv4Octets(_ bytes: ArraySlice<UInt8>) throws(Failure) -> [UInt8] {
        var octets: [UInt8] = []
        var value = 0
        var digits = 0
        var previous: UInt8?
        for (offset, byte) in bytes.enumerated() {
            if byte.isASCIIDigit {
                if digits == 1, value == 0 { throw .syntax("IPv4 field has octet with leading zero") }
                value = value * 10 + Int(byte - 0x30)
                digits += 1
                if value > 255 { throw .syntax("IPv4 field has value >255") }
            } else if byte == UInt8(ascii: ".") {
                if offset == 0 || offset == bytes.count - 1 || previous == UInt8(ascii: ".") {
                    throw .syntax("IPv4 field must have at least one digit")
                }
                if octets.count == 3 { throw .syntax("IPv4 address too long") }
                octets.append(UInt8(value))
                value = 0
                digits = 0
            } else {
                throw .syntax("unexpected character")
            }
            previous = byte
        }
        if octets.count < 3 { throw .syntax("IPv4 address too short") }
        octets.append(UInt8(value))
        return octets
    }

    static func parseIPv6(_ input: [UInt8]) throws(Failure) -> KubernetesIPAddress {
        var text = input[...]
        var hasZone = false
        if let percent = text.firstIndex(of: UInt8(ascii: "%")) {
            guard percent + 1 < text.endIndex else { throw .syntax("zone must be a non-empty string") }
            hasZone = true
            text = text[..<percent]
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        var ellipsis = -1
        var filled = 0
        var rest = text
        if rest.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            ellipsis = 0
            rest = rest.dropFirst(2)
        }
        while filled < 16, !rest.isEmpty {
            var length = 0
            var group = 0
            for byte in rest {
                guard let nibble = hexValue(byte) else { break }
                length += 1
                if length > 4 { throw .syntax("each colon-separated field must have at most 4 hex digits") }
                group = group << 4 | nibble
            }
            if length == 0 { throw .syntax("each colon-separated field must have at least one digit") }
            let afterGroup = rest.index(rest.startIndex, offsetBy: length)
            if afterGroup < rest.endIndex, rest[afterGroup] == UInt8(ascii: ".") {
                if ellipsis < 0, filled != 12 {
                    throw .syntax("embedded IPv4 address must replace the final 2 fields of the address")
                }
                if filled + 4 > 16 {
                    throw .syntax("too many hex fields to fit an embedded IPv4 at the end of the address")
                }
                let octets = try ipv4Octets(rest)
                bytes.replaceSubrange(filled..<filled + 4, with: octets)
                filled += 4
                rest = rest[rest.endIndex...]
                break
            }
            bytes[filled] = UInt8(group >> 8)
            bytes[filled + 1] = UInt8(group & 0xff)
            filled += 2
            rest = rest[afterGroup...]
            if rest.isEmpty { break }
            guard rest.first == UInt8(ascii: ":") else { throw .syntax("unexpected character, want colon") }
            guard rest.count > 1 else { throw .syntax("colon must be followed by more characters") }
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: ":") {
                if ellipsis >= 0 { throw .syntax("multiple :: in address") }
                ellipsis = filled
                rest = rest.dropFirst()
            }
        }
        if !rest.isEmpty { throw .syntax("trailing garbage after address") }
        if filled < 16 {
            guard ellipsis >= 0 else { throw .syntax("address string too short") }
            let gap = 16 - filled
            let tail = Array(bytes[ellipsis..<filled])
            for index in ellipsis..<16 { bytes[index] = 0 }
            bytes.replaceSubrange(ellipsis + gap..<16, with: tail)
        } else if ellipsis >= 0 {
            throw .syntax("the :: must expand to at least one field of zeros")
        }
        if hasZone { throw .zone }
        let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return KubernetesIPAddress(family: .ipv6, high: high, low: low)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
