/// `kubernetes.regex`: `<string>.find(pattern)`, `<string>.findAll(pattern)` and
/// `<string>.findAll(pattern, n)`, in RE2 syntax through the shared pattern cache.
extension CEL.Environment {
    public mutating func addKubernetesRegexLibrary() {
        addMethod("find", id: "string_find_string", on: .string, parameters: [.string], result: .string) { a in
            guard case .string(let text) = a[0], case .string(let pattern) = a[1] else { return .noSuchOverload("find", a) }
            return KubernetesRegex.search(pattern) { regex throws(RegexError) in
                .string(try regex.firstMatch(in: text) ?? "")
            }
        }
        let findAll: @Sendable ([CEL.Value]) -> CEL.Value = { a in
            guard case .string(let text) = a[0], case .string(let pattern) = a[1] else { return .noSuchOverload("findAll", a) }
            var limit = -1
            if a.count == 3 {
                guard case .int(let n) = a[2] else { return .noSuchOverload("findAll", a) }
                limit = Int(clamping: n)
            }
            return KubernetesRegex.search(pattern) { regex throws(RegexError) in
                .list(try regex.allMatches(in: text, limit: limit).map(CEL.Value.string))
            }
        }
        add(function: "findAll", [
            CEL.Overload("string_find_all_string", receiverStyle: true, parameters: [.string, .string], result: .list(.string),
                         implementation: findAll),
            CEL.Overload("string_find_all_string_int", receiverStyle: true, parameters: [.string, .string, .int], result: .list(.string),
                         implementation: findAll),
        ])
    }
}

enum KubernetesRegex {
    /// Compiles (or reuses) the pattern and runs `body`; a bad pattern reads "Illegal regex",
    /// as in Kubernetes, and a search that exhausts the backtracking budget is an error too.
    static func search(_ pattern: String, _ body: (PCRE2Regex) throws(RegexError) -> CEL.Value) -> CEL.Value {
        switch RegexCache.compile(pattern) {
        case .failure(let error):
            return .error("Illegal regex: \(error.message)")
        case .success(let regex):
            do {
                return try body(regex)
            } catch {
                return .failure(error)
            }
        }
    }
}
