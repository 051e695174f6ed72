/// The string operations behind each `${var<op>…}` form, with Go's byte-oriented semantics
/// (lengths and offsets count UTF-8 bytes, as in the controller).
enum EnvsubstFunctions {
    static func apply(_ op: String, to value: String, arguments: [String]) -> String {
        switch op {
        case ",": return mapFirst(value) { $0.lowercased() }
        case ",,": return value.lowercased()
        case "^": return mapFirst(value) { $0.uppercased() }
        case "^^": return value.uppercased()
        case "#": return arguments.isEmpty ? String(value.utf8.count) : trimPrefix(value, arguments[0], longest: false)
        case "##": return arguments.first.map { trimPrefix(value, $0, longest: true) } ?? value
        case "%": return arguments.first.map { trimSuffix(value, $0, longest: false) } ?? value
        case "%%": return arguments.first.map { trimSuffix(value, $0, longest: true) } ?? value
        case ":": return substring(value, arguments)
        case "/#":
            guard arguments.count == 2 else { return value }
            return value.hasPrefix(arguments[0]) ? arguments[1] + dropBytes(value, prefix: arguments[0].utf8.count) : value
        case "/%":
            guard arguments.count == 2 else { return value }
            return value.hasSuffix(arguments[0]) ? dropBytes(value, suffix: arguments[0].utf8.count) + arguments[1] : value
        case "/": return replace(value, arguments, all: false)
        case "//": return replace(value, arguments, all: true)
        default:
            // Every default-like operator (and any unknown combination the parser lets through).
            return value.isEmpty && !arguments.isEmpty ? arguments.joined() : value
        }
    }

    private static func dropBytes(_ value: String, prefix: Int = 0, suffix: Int = 0) -> String {
        let bytes = Array(value.utf8)
        return String(decoding: bytes[prefix..<(bytes.count - suffix)], as: UTF8.self)
    }

    private static func mapFirst(_ value: String, _ transform: (String) -> String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        return transform(String(first)) + String(value.unicodeScalars.dropFirst())
    }

    /// `${v:offset}` and `${v:offset:length}`; unparsable numbers leave the value alone.
    private static func substring(_ value: String, _ arguments: [String]) -> String {
        let bytes = Array(value.utf8)
        guard let first = arguments.first, var position = Int(first) else { return value }
        if position < 0 { position = max(0, bytes.count + position) }
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        guard arguments.count > 1 else { return position < bytes.count ? slice(position..<bytes.count) : "" }
        guard let length = Int(arguments[1]) else { return value }
        if length < 0 {
            let end = bytes.count + length
            return end < position ? "" : slice(position..<end)
        }
        if position + length >= bytes.count { return position < bytes.count ? slice(position..<bytes.count) : "" }
        return slice(position..<(position + length))
    }

    /// Go's `strings.Replace` with n = 1 or -1, including its rule for an empty pattern
    /// (insert at the start, or before every rune and at the end).
    private static func replace(_ value: String, _ arguments: [String], all: Bool) -> String {
        guard let pattern = arguments.first else { return value }
        let replacement = arguments.count > 1 ? arguments[1] : ""
        if pattern.isEmpty {
            guard all else { return replacement + value }
            var output = replacement
            for scalar in value.unicodeScalars { output.unicodeScalars.append(scalar); output += replacement }
            return output
        }
        let source = Array(value.utf8), needle = Array(pattern.utf8)
        var output: [UInt8] = []
        var index = 0
        var replaced = false
        while index < source.count {
            if (all || !replaced), index + needle.count <= source.count, Array(source[index..<(index + needle.count)]) == needle {
                output += replacement.utf8
                index += needle.count
                replaced = true
            } else {
                output.append(source[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Tries prefixes from longest to shortest (never the empty one) against a glob.
    private static func trimPrefix(_ value: String, _ pattern: String, longest: Bool) -> String {
        let bytes = Array(value.utf8)
        var shortest: Int?
        for drop in 0..<bytes.count {
            let candidate = String(decoding: bytes[0..<(bytes.count - drop)], as: UTF8.self)
            switch GlobPattern.match(pattern, candidate) {
            case .none: return value
            case .some(true):
                if longest { return String(decoding: bytes[(bytes.count - drop)...], as: UTF8.self) }
                shortest = bytes.count - drop
            case .some(false): break
            }
        }
        guard let shortest, shortest > 0 else { return value }
        return String(decoding: bytes[shortest...], as: UTF8.self)
    }

    /// Suffix trimming reverses both the value and the pattern (upstream's approach, quirks included).
    private static func trimSuffix(_ value: String, _ pattern: String, longest: Bool) -> String {
        let reversedValue = String(String.UnicodeScalarView(value.unicodeScalars.reversed()))
        let reversedPattern = String(String.UnicodeScalarView(pattern.unicodeScalars.reversed()))
        let trimmed = trimPrefix(reversedValue, reversedPattern, longest: longest)
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.reversed()))
    }
}

/// Go's `path.Match`: `*` and `?` stop at '/', `[...]` classes with ranges and `^` negation,
/// `\` escapes. Returns nil for a malformed pattern.
enum GlobPattern {
    static func match(_ pattern: String, _ name: String) -> Bool? {
        var p = Array(pattern.unicodeScalars)[...]
        var n = Array(name.unicodeScalars)[...]
        nextChunk: while !p.isEmpty {
            var star = false
            while p.first == "*" { p = p.dropFirst(); star = true }
            let (chunk, rest) = splitChunk(p)
            p = rest
            // A trailing star matches the remainder unless it crosses a separator.
            if star && chunk.isEmpty { return !n.contains("/") }
            let here = matchChunk(chunk, n)
            // The last chunk must consume the whole name; otherwise a star may still find a later match.
            if case .some(let remaining?) = here, remaining.isEmpty || !p.isEmpty {
                n = remaining
                continue
            }
            if here == nil { return nil }
            if star {
                var index = n.startIndex
                while index < n.endIndex, n[index] != "/" {
                    index = n.index(after: index)
                    let attempt = matchChunk(chunk, n[index...])
                    if case .some(let remaining?) = attempt {
                        if p.isEmpty && !remaining.isEmpty { continue }
                        n = remaining
                        continue nextChunk
                    }
                    if attempt == nil { return nil }
                }
            }
            // A failed match still reports a malformed remainder of the pattern, as Go does.
            while !p.isEmpty {
                while p.first == "*" { p = p.dropFirst() }
                let (chunk, rest) = splitChunk(p)
                p = rest
                if matchChunk(chunk, []) == nil { return nil }
            }
            return false
        }
        return n.isEmpty
    }

    private static func splitChunk(_ pattern: ArraySlice<Unicode.Scalar>) -> (ArraySlice<Unicode.Scalar>, ArraySlice<Unicode.Scalar>) {
        var inRange = false
        var index = pattern.startIndex
        while index < pattern.endIndex {
            switch pattern[index] {
            case "\\":
                if pattern.index(after: index) < pattern.endIndex { index = pattern.index(after: index) }
            case "[": inRange = true
            case "]": inRange = false
            case "*": if !inRange { return (pattern[..<index], pattern[index...]) }
            default: break
            }
            index = pattern.index(after: index)
        }
        return (pattern, [])
    }

    /// Matches `chunk` at the start of `name`; nil for a bad pattern, `.some(nil)` for no match,
    /// otherwise the unmatched rest of `name`.
    private static func matchChunk(_ chunk: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar>?? {
        var chunk = chunk, name = name
        var failed = false
        while let c = chunk.first {
            if !failed && name.isEmpty { failed = true }
            switch c {
            case "[":
                var r: Unicode.Scalar = " "
                if !failed { r = name.first ?? " "; name = name.dropFirst() }
                chunk = chunk.dropFirst()
                var negated = false
                if chunk.first == "^" { negated = true; chunk = chunk.dropFirst() }
                var matched = false
                var count = 0
                while true {
                    if chunk.first == "]", count > 0 { chunk = chunk.dropFirst(); break }
                    guard let (lo, rest) = escapedScalar(chunk) else { return .none }
                    chunk = rest
                    var hi = lo
                    if chunk.first == "-" {
                        guard let (upper, after) = escapedScalar(chunk.dropFirst()) else { return .none }
                        hi = upper
                        chunk = after
                    }
                    if lo <= r && r <= hi { matched = true }
                    count += 1
                }
                if matched == negated { failed = true }
            case "?":
                if !failed {
                    if name.first == "/" { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            case "\\":
                chunk = chunk.dropFirst()
                guard let escaped = chunk.first else { return .none }
                if !failed {
                    if escaped != name.first { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            default:
                if !failed {
                    if c != name.first { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            }
        }
        return failed ? .some(nil) : .some(name)
    }

    private static func escapedScalar(_ chunk: ArraySlice<Unicode.Scalar>) -> (Unicode.Scalar, ArraySlice<Unicode.Scalar>)? {
        guard var first = chunk.first, first != "-", first != "]" else { return nil }
        var rest = chunk.dropFirst()
        if first == "\\" {
            guard let escaped = rest.first else { return nil }
            first = escaped
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        return (first, rest)
    }
}
