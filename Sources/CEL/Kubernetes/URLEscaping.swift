/// Percent-escaping with the per-component rules of Go's `net/url`, which decide both which
/// URLs `url()` accepts and the exact text `getEscapedPath()` returns.
enum URLComponent {
    case path, host, zone, userPassword, queryComponent

    /// Go's `shouldEscape`: whether a byte must be written as `%XX` in this component.
    func mustEscape(_ byte: UInt8) -> Bool {
        if byte.isASCIIAlphanumeric { return false }
        if self == .host || self == .zone, Self.hostSpecials.contains(byte) { return false }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"),
             UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch self {
            case .path: return byte == UInt8(ascii: "?")
            case .userPassword: return [UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(byte)
            case .queryComponent: return true
            case .host, .zone: return true
            }
        default:
            return true
        }
    }

    private static let hostSpecials = Set("!$&'()*+,;=:[]<>\"".utf8)

    /// Go's `unescape`: nil for a malformed or (in hosts) disallowed escape or character.
    func unescape(_ text: Substring) -> String? {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, let high = bytes[index + 1].hexNibble, let low = bytes[index + 2].hexNibble else {
                    return nil
                }
                let isEscapedPercent = high == 2 && low == 5
                // Hosts may only escape non-ASCII bytes, apart from `%25` before an IPv6 zone.
                if self == .host, high < 8, !isEscapedPercent { return nil }
                let value = high << 4 | low
                if self == .zone, !isEscapedPercent, value != UInt8(ascii: " "), URLComponent.host.mustEscape(value) {
                    return nil
                }
                output.append(value)
                index += 3
            case UInt8(ascii: "+"):
                output.append(self == .queryComponent ? UInt8(ascii: " ") : byte)
                index += 1
            default:
                if self == .host || self == .zone, byte < 0x80, mustEscape(byte) { return nil }
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Go's `escape` for paths.
    func escape(_ text: String) -> String {
        var output: [UInt8] = []
        for byte in text.utf8 {
            if mustEscape(byte) {
                output.append(UInt8(ascii: "%"))
                output.append(URLComponent.hexDigits[Int(byte >> 4)])
                output.append(URLComponent.hexDigits[Int(byte & 0xf)])
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Go's `validEncoded`: the raw path only uses characters a path may carry as written.
    func isValidEncoded(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            URLComponent.pathCharacters.contains(byte) || !mustEscape(byte)
        }
    }

    private static let pathCharacters = Set("!$&'()*+,;=:@[]%".utf8)
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        isASCIIDigit || (self >= 0x41 && self <= 0x5a) || (self >= 0x61 && self <= 0x7a)
    }

    var hexNibble: UInt8? {
        switch self {
        case 0x30...0x39: self - 0x30
        case 0x41...0x46: self - 0x41 + 10
        case 0x61...0x66: self - 0x61 + 10
        default: nil
        }
    }
}
