/// `contains`, `startsWith`, `endsWith` and `matches`, comparing by Unicode scalars (CEL does
/// not normalise strings).
enum StringFunctions {
    typealias Value = CEL.Value

    static func register(in env: inout CEL.Environment) {
        func method(_ name: String, _ test: @escaping @Sendable (String, String) -> Bool) -> CEL.Overload {
            .init("string_\(name)_string", receiverStyle: true, parameters: [.string, .string], result: .bool) { a in
                guard case .string(let s) = a[0], case .string(let t) = a[1] else { return .noSuchOverload(name, a) }
                return .bool(test(s, t))
            }
        }
        env.add(function: "contains", [method("contains") { s, t in
            t.isEmpty || Array(s.utf8).containsSubsequence(Array(t.utf8))
        }])
        env.add(function: "startsWith", [method("startsWith") { s, t in s.utf8.starts(with: t.utf8) }])
        env.add(function: "endsWith", [method("endsWith") { s, t in s.utf8.reversed().starts(with: t.utf8.reversed()) }])
        let matches: @Sendable ([Value]) -> Value = { a in
            guard case .string(let s) = a[0], case .string(let pattern) = a[1] else { return .noSuchOverload("matches", a) }
            return RegexCache.matches(pattern, s)
        }
        env.add(function: "matches", [
            .init("matches", parameters: [.string, .string], result: .bool, implementation: matches),
            .init("matches_string", receiverStyle: true, parameters: [.string, .string], result: .bool, implementation: matches),
        ])
    }
}

extension Array where Element == UInt8 {
    /// Substring search on UTF-8 bytes; valid UTF-8 cannot match mid-character.
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        firstIndex(ofSubsequence: needle) != nil
    }

    func firstIndex(ofSubsequence needle: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty else { return start <= count ? start : nil }
        guard needle.count <= count else { return nil }
        var i = start
        let last = count - needle.count
        let first = needle[0]
        while i <= last {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
