/// A parsed `labelSelector` query: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`.
struct LabelSelector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case exists(String)
        case notExists(String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
    }

    var requirements: [Requirement] = []

    init(parsing text: String) throws(APIError) {
        for clause in Self.splitClauses(text) {
            let trimmed = clause.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            requirements.append(try Self.parse(trimmed))
        }
    }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .exists(let key): return labels[key] != nil
            case .notExists(let key): return labels[key] == nil
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return labels[key].map { !values.contains($0) } ?? true
            }
        }
    }

    /// Splits on commas outside parentheses.
    private static func splitClauses(_ text: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth = max(0, depth - 1) }
            if character == ",", depth == 0 {
                clauses.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        clauses.append(current)
        return clauses
    }

    private static func parse(_ clause: String) throws(APIError) -> Requirement {
        func invalid() -> APIError { APIError.badRequest("unable to parse requirement: invalid label selector \"\(clause)\"") }
        for (separator, isIn) in [(" notin ", false), (" in ", true)] {
            if let range = clause.range(of: separator) {
                let key = clause[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                var list = clause[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty, list.hasPrefix("("), list.hasSuffix(")") else { throw invalid() }
                list = String(list.dropFirst().dropLast())
                let values = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                return isIn ? .isIn(key, values) : .notIn(key, values)
            }
        }
        for (separator, negated) in [("!=", true), ("==", false), ("=", false)] {
            if let range = clause.range(of: separator) {
                let key = clause[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = clause[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty else { throw invalid() }
                return negated ? .notEquals(key, value) : .equals(key, value)
            }
        }
        if clause.hasPrefix("!") {
            let key = clause.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw invalid() }
            return .notExists(key)
        }
        guard !clause.contains(" ") else { throw invalid() }
        return .exists(clause)
    }
}
