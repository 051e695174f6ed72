/// A Kubernetes label selector expression (`app=web,tier!=db,env in (a,b),!legacy`) as
/// replacement `labelSelector` and `annotationSelector` fields hold it; kept private to
/// replacements so this area does not depend on the patch selector's parser.
struct ReplacementLabelQuery {
    private enum Requirement {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case absent(String)
        case greater(String, Int64)
        case less(String, Int64)
    }

    private let requirements: [Requirement]

    init(_ expression: String) throws(RenderError) {
        var requirements: [Requirement] = []
        for clause in Self.clauses(of: expression) {
            requirements.append(try Self.requirement(clause, in: expression))
        }
        self.requirements = requirements
    }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .absent(let key): return labels[key] == nil
            case .greater(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 > bound } ?? false
            case .less(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 < bound } ?? false
            }
        }
    }

    /// Splits on commas outside parentheses.
    private static func clauses(of expression: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        var depth = 0
        for character in expression {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth <= 0: clauses.append(current); current = ""
            default: current.append(character)
            }
        }
        clauses.append(current)
        let trimmed = clauses.map(ReplacementLookup.trim)
        return trimmed.count == 1 && trimmed[0].isEmpty ? [] : trimmed
    }

    private static func requirement(_ clause: String, in expression: String) throws(RenderError) -> Requirement {
        let invalid = RenderError(.invalid, "unable to parse requirement: \(clause.isEmpty ? expression : clause)")
        if clause.hasPrefix("!") {
            let key = ReplacementLookup.trim(String(clause.dropFirst()))
            guard isKey(key) else { throw invalid }
            return .absent(key)
        }
        if clause.hasSuffix(")"), let open = clause.firstIndex(of: "(") {
            let words = clause[..<open].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count == 2, isKey(words[0]) else { throw invalid }
            let inner = clause[clause.index(after: open)..<clause.index(before: clause.endIndex)]
            let values = Set(inner.split(separator: ",", omittingEmptySubsequences: false).map { ReplacementLookup.trim(String($0)) })
            switch words[1] {
            case "in": return .isIn(words[0], values)
            case "notin": return .notIn(words[0], values)
            default: throw invalid
            }
        }
        for (op, make) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
            if let range = clause.firstRange(of: op) {
                let key = ReplacementLookup.trim(String(clause[..<range.lowerBound]))
                let value = ReplacementLookup.trim(String(clause[range.upperBound...]))
                guard isKey(key) else { throw invalid }
                return make(key, value)
            }
        }
        for (op, greater) in [(">", true), ("<", false)] {
            if let range = clause.firstRange(of: op) {
                let key = ReplacementLookup.trim(String(clause[..<range.lowerBound]))
                guard isKey(key), let bound = Int64(ReplacementLookup.trim(String(clause[range.upperBound...]))) else { throw invalid }
                return greater ? .greater(key, bound) : .less(key, bound)
            }
        }
        guard isKey(clause) else { throw invalid }
        return .exists(clause)
    }

    private static func isKey(_ key: String) -> Bool {
        !key.isEmpty && !key.contains(where: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "!" || $0 == "=" })
    }
}
