import Foundation

/// cel-go's `ext.Strings` library (as Kubernetes enables it, plus `reverse` and the
/// cel-spec `format`): indexes count Unicode code points, not bytes.
enum StringsExtension {
    typealias Value = CEL.Value

    static func register(in env: inout CEL.Environment) {
        registerSearching(in: &env)
        registerTransforming(in: &env)
        StringFormatting.register(in: &env)
    }

    private static func outOfRange(_ index: Int64) -> Value { .error("index out of range: \(index)") }

    private static func registerSearching(in env: inout CEL.Environment) {
        env.addMethod("charAt", on: .string, parameters: [.int], result: .string) { a in
            guard case .string(let s) = a[0], case .int(let i) = a[1] else { return .noSuchOverload("charAt", a) }
            let scalars = Array(s.unicodeScalars)
            guard i >= 0, i <= scalars.count else { return outOfRange(i) }
            return .string(i == scalars.count ? "" : String(scalars[Int(i)]))
        }
        let indexOf: @Sendable ([Value]) -> Value = { a in
            guard case .string(let s) = a[0], case .string(let t) = a[1] else { return .noSuchOverload("indexOf", a) }
            var offset: Int64 = 0
            if a.count == 3 {
                guard case .int(let o) = a[2] else { return .noSuchOverload("indexOf", a) }
                offset = o
            }
            let text = Array(s.unicodeScalars)
            let needle = Array(t.unicodeScalars)
            guard offset >= 0, offset <= text.count else { return outOfRange(offset) }
            return .int(Int64(text.firstIndex(of: needle, from: Int(offset)) ?? -1))
        }
        env.add(function: "indexOf", [
            .init("string_indexOf_string", receiverStyle: true, parameters: [.string, .string], result: .int, implementation: indexOf),
            .init("string_indexOf_string_int", receiverStyle: true, parameters: [.string, .string, .int], result: .int, implementation: indexOf),
        ])
        let lastIndexOf: @Sendable ([Value]) -> Value = { a in
            guard case .string(let s) = a[0], case .string(let t) = a[1] else { return .noSuchOverload("lastIndexOf", a) }
            let text = Array(s.unicodeScalars)
            let needle = Array(t.unicodeScalars)
            var offset = Int64(text.count)
            if a.count == 3 {
                guard case .int(let o) = a[2] else { return .noSuchOverload("lastIndexOf", a) }
                guard o >= 0, o <= text.count else { return outOfRange(o) }
                offset = o
            }
            var start = min(Int(offset), text.count - needle.count)
            while start >= 0 {
                if text[start..<(start + needle.count)].elementsEqual(needle) { return .int(Int64(start)) }
                start -= 1
            }
            return .int(-1)
        }
        env.add(function: "lastIndexOf", [
            .init("string_lastIndexOf_string", receiverStyle: true, parameters: [.string, .string], result: .int, implementation: lastIndexOf),
            .init("string_lastIndexOf_string_int", receiverStyle: true, parameters: [.string, .string, .int], result: .int, implementation: lastIndexOf),
        ])
    }

    private static func registerTransforming(in env: inout CEL.Environment) {
        env.addMethod("lowerAscii", on: .string, result: .string) { a in
            guard case .string(let s) = a[0] else { return .noSuchOverload("lowerAscii", a) }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar(UInt8($0.value + 32)) : $0 })))
        }
        env.addMethod("upperAscii", on: .string, result: .string) { a in
            guard case .string(let s) = a[0] else { return .noSuchOverload("upperAscii", a) }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { ("a"..."z").contains($0) ? Unicode.Scalar(UInt8($0.value - 32)) : $0 })))
        }
        let replace: @Sendable ([Value]) -> Value = { a in
            guard case .string(let s) = a[0], case .string(let old) = a[1], case .string(let new) = a[2] else { return .noSuchOverload("replace", a) }
            var limit: Int64 = -1
            if a.count == 4 {
                guard case .int(let n) = a[3] else { return .noSuchOverload("replace", a) }
                limit = n
            }
            return .string(replacing(s, old, with: new, limit: limit))
        }
        env.add(function: "replace", [
            .init("string_replace_string_string", receiverStyle: true, parameters: [.string, .string, .string], result: .string, implementation: replace),
            .init("string_replace_string_string_int", receiverStyle: true, parameters: [.string, .string, .string, .int], result: .string, implementation: replace),
        ])
        let split: @Sendable ([Value]) -> Value = { a in
            guard case .string(let s) = a[0], case .string(let separator) = a[1] else { return .noSuchOverload("split", a) }
            var limit: Int64 = -1
            if a.count == 3 {
                guard case .int(let n) = a[2] else { return .noSuchOverload("split", a) }
                limit = n
            }
            return .list(splitting(s, by: separator, limit: limit).map(Value.string))
        }
        env.add(function: "split", [
            .init("string_split_string", receiverStyle: true, parameters: [.string, .string], result: .list(.string), implementation: split),
            .init("string_split_string_int", receiverStyle: true, parameters: [.string, .string, .int], result: .list(.string), implementation: split),
        ])
        let substring: @Sendable ([Value]) -> Value = { a in
            guard case .string(let s) = a[0], case .int(let start) = a[1] else { return .noSuchOverload("substring", a) }
            let scalars = Array(s.unicodeScalars)
            var end = Int64(scalars.count)
            if a.count == 3 {
                guard case .int(let e) = a[2] else { return .noSuchOverload("substring", a) }
                end = e
            }
            guard start >= 0, start <= scalars.count else { return outOfRange(start) }
            guard end >= 0, end <= scalars.count else { return outOfRange(end) }
            guard start <= end else { return .error("invalid substring range. start: \(start), end: \(end)") }
            return .string(String(String.UnicodeScalarView(scalars[Int(start)..<Int(end)])))
        }
        env.add(function: "substring", [
            .init("string_substring_int", receiverStyle: true, parameters: [.string, .int], result: .string, implementation: substring),
            .init("string_substring_int_int", receiverStyle: true, parameters: [.string, .int, .int], result: .string, implementation: substring),
        ])
        env.addMethod("trim", on: .string, result: .string) { a in
            guard case .string(let s) = a[0] else { return .noSuchOverload("trim", a) }
            let scalars = Array(s.unicodeScalars)
            guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                  let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return .string("") }
            return .string(String(String.UnicodeScalarView(scalars[first...last])))
        }
        env.addMethod("reverse", on: .string, result: .string) { a in
            guard case .string(let s) = a[0] else { return .noSuchOverload("reverse", a) }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
        }
        let join: @Sendable ([Value]) -> Value = { a in
            guard case .list(let items) = a[0] else { return .noSuchOverload("join", a) }
            var separator = ""
            if a.count == 2 {
                guard case .string(let s) = a[1] else { return .noSuchOverload("join", a) }
                separator = s
            }
            var parts: [String] = []
            for item in items {
                guard case .string(let s) = item else { return .noSuchOverload("join", a) }
                parts.append(s)
            }
            return .string(parts.joined(separator: separator))
        }
        env.add(function: "join", [
            .init("list_join", receiverStyle: true, parameters: [.list(.string)], result: .string, implementation: join),
            .init("list_join_string", receiverStyle: true, parameters: [.list(.string), .string], result: .string, implementation: join),
        ])
        env.addFunction("strings.quote", parameters: [.string], result: .string) { a in
            guard case .string(let s) = a[0] else { return .noSuchOverload("strings.quote", a) }
            return .string(quoted(s))
        }
    }

    /// Go `strings.Replace` semantics: an empty `old` inserts between every code point.
    static func replacing(_ s: String, _ old: String, with new: String, limit: Int64) -> String {
        guard limit != 0 else { return s }
        let text = Array(s.unicodeScalars)
        let needle = Array(old.unicodeScalars)
        var result = String.UnicodeScalarView()
        var count: Int64 = 0
        var i = 0
        while i <= text.count {
            let canReplace = limit < 0 || count < limit
            if canReplace, i + needle.count <= text.count, text[i..<(i + needle.count)].elementsEqual(needle) {
                result.append(contentsOf: new.unicodeScalars)
                count += 1
                if needle.isEmpty {
                    if i < text.count { result.append(text[i]) }
                    i += 1
                } else {
                    i += needle.count
                }
            } else {
                if i < text.count { result.append(text[i]) }
                i += 1
            }
        }
        return String(result)
    }

    /// Go `strings.SplitN` semantics: 0 parts gives `[]`, negative means no limit.
    static func splitting(_ s: String, by separator: String, limit: Int64) -> [String] {
        guard limit != 0 else { return [] }
        let text = Array(s.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        var parts: [String] = []
        if needle.isEmpty {
            for (i, scalar) in text.enumerated() {
                if limit > 0 && parts.count == limit - 1 {
                    parts.append(String(String.UnicodeScalarView(text[i...])))
                    return parts
                }
                parts.append(String(scalar))
            }
            return parts
        }
        var start = 0
        var i = 0
        while i + needle.count <= text.count {
            if limit > 0 && parts.count == limit - 1 { break }
            if text[i..<(i + needle.count)].elementsEqual(needle) {
                parts.append(String(String.UnicodeScalarView(text[start..<i])))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(String.UnicodeScalarView(text[start...])))
        return parts
    }

    /// A double-quoted CEL string literal for `s`.
    static func quoted(_ s: String) -> String {
        var result = "\""
        for scalar in s.unicodeScalars {
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
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\x%02x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension Array where Element == Unicode.Scalar {
    func firstIndex(of needle: [Unicode.Scalar], from start: Int) -> Int? {
        guard needle.count <= count else { return nil }
        var i = start
        while i + needle.count <= count {
            if self[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
