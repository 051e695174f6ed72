/// cel-go's `ext.Strings` functions on Swift strings. Indexes count Unicode code points, as
/// cel-go does with Go runes, never bytes or grapheme clusters.
public enum StringsExtension {
    /// `<string>.charAt(int)`: the code point at `index`; `''` at the very end.
    public static func charAt(_ string: String, _ index: Int64) throws(StringFunctionError) -> String {
        let scalars = Array(string.unicodeScalars)
        guard index >= 0, index <= Int64(scalars.count) else { throw .indexOutOfRange(index) }
        return index == Int64(scalars.count) ? "" : String(scalars[Int(index)])
    }

    /// `<string>.indexOf(string[, int])`: first code-point index at or after `offset`, or -1.
    public static func indexOf(_ string: String, _ substring: String, offset: Int64 = 0) throws(StringFunctionError) -> Int64 {
        if substring.isEmpty { return offset }
        let scalars = Array(string.unicodeScalars)
        let needle = Array(substring.unicodeScalars)
        // Without an explicit offset an empty receiver is simply "not found".
        if offset == 0, scalars.isEmpty { return -1 }
        guard offset >= 0, offset < Int64(scalars.count) else { throw .indexOutOfRange(offset) }
        guard needle.count <= scalars.count else { return -1 }
        var start = Int(offset)
        while start + needle.count <= scalars.count {
            if scalars[start..<start + needle.count].elementsEqual(needle) { return Int64(start) }
            start += 1
        }
        return -1
    }

    /// `<string>.lastIndexOf(string)`: last code-point index, or -1; `''` gives the length.
    public static func lastIndexOf(_ string: String, _ substring: String) throws(StringFunctionError) -> Int64 {
        let count = Int64(string.unicodeScalars.count)
        if substring.isEmpty { return count }
        guard count > 0 else { return -1 }
        return try lastIndexOf(string, substring, offset: count - 1)
    }

    /// `<string>.lastIndexOf(string, int)`: searches backward, starting no later than `offset`.
    public static func lastIndexOf(_ string: String, _ substring: String, offset: Int64) throws(StringFunctionError) -> Int64 {
        if substring.isEmpty { return offset }
        let scalars = Array(string.unicodeScalars)
        let needle = Array(substring.unicodeScalars)
        guard offset >= 0, offset < Int64(scalars.count) else { throw .indexOutOfRange(offset) }
        guard needle.count <= scalars.count else { return -1 }
        var start = min(Int(offset), scalars.count - needle.count)
        while start >= 0 {
            if scalars[start..<start + needle.count].elementsEqual(needle) { return Int64(start) }
            start -= 1
        }
        return -1
    }

    /// `<string>.lowerAscii()`: only A–Z change.
    public static func lowerAscii(_ string: String) -> String {
        mapASCII(string) { $0 >= 0x41 && $0 <= 0x5a ? $0 + 32 : $0 }
    }

    /// `<string>.upperAscii()`: only a–z change.
    public static func upperAscii(_ string: String) -> String {
        mapASCII(string) { $0 >= 0x61 && $0 <= 0x7a ? $0 - 32 : $0 }
    }

    private static func mapASCII(_ string: String, _ transform: (UInt8) -> UInt8) -> String {
        String(decoding: string.utf8.map(transform), as: UTF8.self)
    }

    /// `<string>.replace(old, new[, n])`: Go's `strings.Replace`; n < 0 replaces all, 0 none.
    /// An empty `old` inserts `new` before every code point and at the end.
    public static func replace(_ string: String, _ old: String, _ replacement: String, limit: Int64 = -1) -> String {
        guard limit != 0 else { return string }
        let scalars = Array(string.unicodeScalars)
        let pattern = Array(old.unicodeScalars)
        var result = String.UnicodeScalarView()
        var replaced: Int64 = 0
        var index = 0
        func canReplace() -> Bool { limit < 0 || replaced < limit }
        if pattern.isEmpty {
            for scalar in scalars {
                if canReplace() {
                    result.append(contentsOf: replacement.unicodeScalars)
                    replaced += 1
                }
                result.append(scalar)
            }
            if canReplace() { result.append(contentsOf: replacement.unicodeScalars) }
            return String(result)
        }
        while index < scalars.count {
            if canReplace(), index + pattern.count <= scalars.count,
               scalars[index..<index + pattern.count].elementsEqual(pattern) {
                result.append(contentsOf: replacement.unicodeScalars)
                replaced += 1
                index += pattern.count
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// `<string>.split(sep[, n])`: Go's `strings.SplitN`; n = 0 gives [], n < 0 all parts, and
    /// an empty separator splits into code points.
    public static func split(_ string: String, _ separator: String, limit: Int64 = -1) -> [String] {
        guard limit != 0 else { return [] }
        let scalars = Array(string.unicodeScalars)
        let pattern = Array(separator.unicodeScalars)
        var parts: [String] = []
        func atLimit() -> Bool { limit > 0 && Int64(parts.count) == limit - 1 }
        if pattern.isEmpty {
            var index = 0
            while index < scalars.count {
                if atLimit() {
                    parts.append(String(String.UnicodeScalarView(scalars[index...])))
                    return parts
                }
                parts.append(String(scalars[index]))
                index += 1
            }
            return parts
        }
        var start = 0
        var index = 0
        while index + pattern.count <= scalars.count, !atLimit() {
            if scalars[index..<index + pattern.count].elementsEqual(pattern) {
                parts.append(String(String.UnicodeScalarView(scalars[start..<index])))
                index += pattern.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(String(String.UnicodeScalarView(scalars[start...])))
        return parts
    }

    /// `<string>.substring(start)`.
    public static func substring(_ string: String, from start: Int64) throws(StringFunctionError) -> String {
        let scalars = Array(string.unicodeScalars)
        guard start >= 0, start <= Int64(scalars.count) else { throw .indexOutOfRange(start) }
        return String(String.UnicodeScalarView(scalars[Int(start)...]))
    }

    /// `<string>.substring(start, end)`: the code points in [start, end).
    public static func substring(_ string: String, from start: Int64, to end: Int64) throws(StringFunctionError) -> String {
        let scalars = Array(string.unicodeScalars)
        guard start <= end else { throw .invalidSubstringRange(start: start, end: end) }
        guard start >= 0, start <= Int64(scalars.count) else { throw .indexOutOfRange(start) }
        guard end >= 0, end <= Int64(scalars.count) else { throw .indexOutOfRange(end) }
        return String(String.UnicodeScalarView(scalars[Int(start)..<Int(end)]))
    }

    /// `<string>.trim()`: strips Unicode White_Space (Go's `unicode.IsSpace`) from both ends.
    public static func trim(_ string: String) -> String {
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// `<list(string)>.join([separator])`.
    public static func join(_ parts: [String], separator: String = "") -> String {
        parts.joined(separator: separator)
    }

    /// `<string>.reverse()`: code points in reverse order.
    public static func reverse(_ string: String) -> String {
        String(String.UnicodeScalarView(string.unicodeScalars.reversed()))
    }

    /// `strings.quote(string)`: a double-quoted CEL string literal.
    public static func quote(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\u{07}": result += "\\a"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{0B}": result += "\\v"
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

public enum StringFunctionError: Error, Sendable, Equatable, CustomStringConvertible {
    case indexOutOfRange(Int64)
    case invalidSubstringRange(start: Int64, end: Int64)
    /// A `format` call failed; the text says why, in cel-go's words.
    case format(String)

    public var description: String {
        switch self {
        case .indexOutOfRange(let index): "index out of range: \(index)"
        case .invalidSubstringRange(let start, let end): "invalid substring range. start: \(start), end: \(end)"
        case .format(let message): message
        }
    }
}
