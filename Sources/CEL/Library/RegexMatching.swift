import Foundation

/// Compiled patterns by source text, so a pattern literal is compiled once, not per call. The
/// engine is `PCRE2Regex`: RE2 syntax translated to PCRE2, non-RE2 constructs rejected, and
/// backtracking bounded so hostile patterns cannot run away.
enum RegexCache {
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var patterns: [String: PCRE2Regex] = [:]
    }

    private static let storage = Storage()
    private static let capacity = 512

    static func compile(_ pattern: String) -> Result<PCRE2Regex, CEL.EvaluationError> {
        storage.lock.lock()
        let cached = storage.patterns[pattern]
        storage.lock.unlock()
        if let cached { return .success(cached) }
        do {
            let compiled = try PCRE2Regex(pattern)
            storage.lock.lock()
            if storage.patterns.count >= capacity { storage.patterns.removeAll(keepingCapacity: true) }
            storage.patterns[pattern] = compiled
            storage.lock.unlock()
            return .success(compiled)
        } catch {
            return .failure(CEL.EvaluationError("\(error)"))
        }
    }

    /// `matches`: unanchored search; a pattern that exhausts the match budget is an error.
    static func matches(_ pattern: String, _ text: String) -> CEL.Value {
        switch compile(pattern) {
        case .success(let regex):
            do { return .bool(try regex.matches(text)) } catch { return .error(CEL.EvaluationError("\(error)")) }
        case .failure(let error):
            return .error(error)
        }
    }
}
