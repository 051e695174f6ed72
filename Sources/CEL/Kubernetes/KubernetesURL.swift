/// A URL as Kubernetes' CEL `url()` reads it: Go's `url.ParseRequestURI`, so an absolute URI
/// or an absolute path, with no fragment splitting (`#` stays in the path or query).
public struct KubernetesURL: Sendable, Hashable {
    /// Lower-cased scheme, or "".
    public let scheme: String
    /// The rest of a URI without `//` or `/` after the scheme (`mailto:someone`).
    public let opaque: String
    /// Host with port, unescaped, IPv6 literals in brackets.
    public let host: String
    /// The path, unescaped.
    public let path: String
    /// The path as written, kept when it differs from the default escaping of `path`.
    let rawPath: String
    /// The query text after `?`, still escaped.
    public let rawQuery: String

    public init(parsing text: String) throws(KubernetesURLError) {
        guard !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) else {
            throw .invalid(text, reason: "net/url: invalid control character in URL")
        }
        guard !text.isEmpty else { throw .invalid(text, reason: "empty url") }
        if text == "*" {
            self.init(scheme: "", opaque: "", host: "", path: "*", rawPath: "", rawQuery: "")
            return
        }
        let (schemeText, afterScheme) = try KubernetesURL.splitScheme(text)
        let scheme = schemeText.lowercased()
        var rest = afterScheme
        var rawQuery = ""
        if rest.hasSuffix("?"), rest.utf8.filter({ $0 == UInt8(ascii: "?") }).count == 1 {
            rest = rest.dropLast()
        } else if let mark = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            rawQuery = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        guard rest.hasPrefix("/") else {
            guard !scheme.isEmpty else { throw .invalid(text, reason: "invalid URI for request") }
            self.init(scheme: scheme, opaque: String(rest), host: "", path: "", rawPath: "", rawQuery: rawQuery)
            return
        }
        var host = ""
        if !scheme.isEmpty, rest.hasPrefix("//") {
            var authority = rest.dropFirst(2)
            rest = ""
            if let slash = authority.utf8.firstIndex(of: UInt8(ascii: "/")) {
                rest = authority[slash...]
                authority = authority[..<slash]
            }
            host = try KubernetesURL.parseAuthority(authority, in: text)
        }
        guard let path = URLComponent.path.unescape(rest) else {
            throw .invalid(text, reason: "invalid URL escape")
        }
        let rawPath = URLComponent.path.escape(path) == rest ? "" : String(rest)
        self.init(scheme: scheme, opaque: "", host: host, path: path, rawPath: rawPath, rawQuery: rawQuery)
    }

    private init(scheme: String, opaque: String, host: String, path: String, rawPath: String, rawQuery: String) {
        self.scheme = scheme
        self.opaque = opaque
        self.host = host
        self.path = path
        self.rawPath = rawPath
        self.rawQuery = rawQuery
    }

    public static func isValid(_ text: String) -> Bool {
        (try? KubernetesURL(parsing: text)) != nil
    }

    /// A scheme is letters first, then letters, digits, `+ - .`, ended by `:`; anything else means
    /// there is no scheme at all.
    private static func splitScheme(_ text: String) throws(KubernetesURLError) -> (Substring, Substring) {
        let bytes = text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let isFirst = index == bytes.startIndex
            if byte.isASCIILetter {
                // always allowed
            } else if byte.isASCIIDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                if isFirst { return ("", text[...]) }
            } else if byte == UInt8(ascii: ":") {
                if isFirst { throw .invalid(text, reason: "missing protocol scheme") }
                return (text[..<index], text[bytes.index(after: index)...])
            } else {
                return ("", text[...])
            }
            index = bytes.index(after: index)
        }
        return ("", text[...])
    }

    private static func firstIndex(of needle: String, in text: Substring) -> String.Index? {
        let pattern = Array(needle.utf8)
        let bytes = text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index...].starts(with: pattern) { return index }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// Returns the host; user information is checked and dropped (no CEL accessor exposes it).
    private static func parseAuthority(_ authority: Substring, in text: String) throws(KubernetesURLError) -> String {
        let at = authority.utf8.lastIndex(of: UInt8(ascii: "@"))
        let hostPart = at.map { authority[authority.index(after: $0)...] } ?? authority
        let host = try parseHost(hostPart, in: text)
        if let at {
            let userInfo = authority[..<at]
            guard userInfo.utf8.allSatisfy({ $0.isASCIIAlphanumeric || userInfoCharacters.contains($0) }),
                  URLComponent.userPassword.unescape(userInfo) != nil else {
                throw .invalid(text, reason: "net/url: invalid userinfo")
            }
        }
        return host
    }

    private static let userInfoCharacters = Set("-._:~!$&'()*+,;=%@".utf8)

    private static func parseHost(_ host: Substring, in text: String) throws(KubernetesURLError) -> String {
        if host.hasPrefix("[") {
            guard let close = host.utf8.lastIndex(of: UInt8(ascii: "]")) else { throw .invalid(text, reason: "missing ']' in host") }
            let colonPort = host[host.index(after: close)...]
            guard isValidOptionalPort(colonPort) else {
                throw .invalid(text, reason: "invalid port \"\(colonPort)\" after host")
            }
            if let zone = KubernetesURL.firstIndex(of: "%25", in: host[..<close]) {
                guard let before = URLComponent.host.unescape(host[..<zone]),
                      let zoneText = URLComponent.zone.unescape(host[zone..<close]),
                      let after = URLComponent.host.unescape(host[close...]) else {
                    throw .invalid(text, reason: "invalid URL escape")
                }
                return before + zoneText + after
            }
        } else if let colon = host.utf8.lastIndex(of: UInt8(ascii: ":")) {
            let colonPort = host[colon...]
            guard isValidOptionalPort(colonPort) else {
                throw .invalid(text, reason: "invalid port \"\(colonPort)\" after host")
            }
        }
        guard let unescaped = URLComponent.host.unescape(host) else {
            throw .invalid(text, reason: "invalid character in host name")
        }
        return unescaped
    }

    /// "" or ":" followed by digits only.
    static func isValidOptionalPort<S: StringProtocol>(_ text: S) -> Bool {
        guard let first = text.utf8.first else { return true }
        return first == UInt8(ascii: ":") && text.utf8.dropFirst().allSatisfy(\.isASCIIDigit)
    }
}

/// The CEL accessors (`getHostname()`, `getPort()`, `getEscapedPath()`, `getQuery()`).
extension KubernetesURL {
    private var hostAndPort: (host: Substring, port: Substring) {
        var name = host[...]
        var port: Substring = ""
        if let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")), KubernetesURL.isValidOptionalPort(name[colon...]) {
            port = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        if name.utf8.first == UInt8(ascii: "["), name.utf8.last == UInt8(ascii: "]") {
            name = name.dropFirst().dropLast()
        }
        return (name, port)
    }

    /// Host without port; IPv6 literals without brackets.
    public var hostname: String { String(hostAndPort.host) }

    public var port: String { String(hostAndPort.port) }

    /// The path percent-escaped: as written when that is a valid spelling, else Go's escaping.
    public var escapedPath: String {
        if !rawPath.isEmpty, URLComponent.path.isValidEncoded(rawPath),
           URLComponent.path.unescape(rawPath[...]) == path {
            return rawPath
        }
        if path == "*" { return "*" }
        return URLComponent.path.escape(path)
    }

    /// Query parameters, unescaped, every value of a repeated key in order. Malformed pairs
    /// (bad escapes, `;` separators) are skipped, as Go's `URL.Query()` does.
    public var query: [String: [String]] {
        var result: [String: [String]] = [:]
        for pairBytes in rawQuery.utf8.split(separator: UInt8(ascii: "&")) {
            let pair = Substring(pairBytes)
            guard !pair.utf8.contains(UInt8(ascii: ";")) else { continue }
            let keyText: Substring, valueText: Substring
            if let equals = pair.utf8.firstIndex(of: UInt8(ascii: "=")) {
                keyText = pair[..<equals]
                valueText = pair[pair.index(after: equals)...]
            } else {
                keyText = pair
                valueText = ""
            }
            guard let key = URLComponent.queryComponent.unescape(keyText),
                  let value = URLComponent.queryComponent.unescape(valueText) else { continue }
            result[key, default: []].append(value)
        }
        return result
    }
}

public enum KubernetesURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let text, let reason): "URL parse error during conversion from string: parse \"\(text)\": \(reason)"
        }
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (self >= 0x41 && self <= 0x5a) || (self >= 0x61 && self <= 0x7a) }
}
