/// A Kubernetes label selector in its string form (`app=web,tier in (a,b),!legacy,env!=dev`),
/// as kustomize's `labelSelector` / `annotationSelector` take it.
public struct LabelSelector: Sendable, Equatable {
    public enum Requirement: Sendable, Equatable {
        case exists(String)
        case absent(String)
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, Set<String>)
        case notIn(String, Set<String>)
        case greaterThan(String, Int64)
        case lessThan(String, Int64)
    }

    public var requirements: [Requirement]

    public init(parsing text: String) throws(RenderError) {
        var parser = Parser(text: Array(text))
        requirements = try parser.parse()
    }

    /// Whether every requirement holds for `labels` (an empty selector matches everything).
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .exists(let key): labels[key] != nil
            case .absent(let key): labels[key] == nil
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            case .in(let key, let values): labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): !(labels[key].map(values.contains) ?? false)
            case .greaterThan(let key, let bound): labels[key].flatMap { Int64($0) }.map { $0 > bound } ?? false
            case .lessThan(let key, let bound): labels[key].flatMap { Int64($0) }.map { $0 < bound } ?? false
            }
        }
    }

    private struct Parser {
        let text: [Character]
        var position = 0

        mutating func parse() throws(RenderError) -> [Requirement] {
            var result: [Requirement] = []
            skipSpaces()
            if position == text.count { return result }
            while true {
                result.append(try requirement())
                skipSpaces()
                if position == text.count { return result }
                guard text[position] == "," else { throw failure("expected ','") }
                position += 1
            }
        }

        private mutating func requirement() throws(RenderError) -> Requirement {
            skipSpaces()
            if peek("!") {
                position += 1
                return .absent(try word("a key"))
            }
            let key = try word("a key")
            skipSpaces()
            if position == text.count || text[position] == "," { return .exists(key) }
            if peek("==") { position += 2; return .equals(key, try value()) }
            if peek("!=") { position += 2; return .notEquals(key, try value()) }
            if peek("=") { position += 1; return .equals(key, try value()) }
            if peek(">") { position += 1; return .greaterThan(key, try number()) }
            if peek("<") { position += 1; return .lessThan(key, try number()) }
            let keyword = try word("an operator")
            switch keyword {
            case "in": return .in(key, try set())
            case "notin": return .notIn(key, try set())
            default: throw failure("unknown operator '\(keyword)'")
            }
        }

        private mutating func value() throws(RenderError) -> String {
            skipSpaces()
            return readWord()
        }

        private mutating func number() throws(RenderError) -> Int64 {
            let text = try value()
            guard let number = Int64(text) else { throw failure("'\(text)' is not an integer") }
            return number
        }

        private mutating func set() throws(RenderError) -> Set<String> {
            skipSpaces()
            guard peek("(") else { throw failure("expected '('") }
            position += 1
            var values = Set<String>()
            while true {
                skipSpaces()
                values.insert(readWord())
                skipSpaces()
                if peek(")") { position += 1; return values }
                guard peek(",") else { throw failure("expected ',' or ')'") }
                position += 1
            }
        }

        private mutating func word(_ what: String) throws(RenderError) -> String {
            skipSpaces()
            let word = readWord()
            guard !word.isEmpty else { throw failure("expected \(what)") }
            return word
        }

        private mutating func readWord() -> String {
            var word = ""
            while position < text.count, !" \t\n,()=!<>".contains(text[position]) {
                word.append(text[position])
                position += 1
            }
            return word
        }

        private func peek(_ token: String) -> Bool {
            let characters = Array(token)
            guard position + characters.count <= text.count else { return false }
            return Array(text[position..<position + characters.count]) == characters
        }

        private mutating func skipSpaces() {
            while position < text.count, text[position].isWhitespace { position += 1 }
        }

        private func failure(_ reason: String) -> RenderError {
            RenderError(.invalid, "unable to parse requirement: \(reason) in selector '\(String(text))'")
        }
    }
}
