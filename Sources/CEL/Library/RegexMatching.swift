import CPCRE2
import Foundation

/// A compiled regular expression, behind a protocol so the engine can be swapped (the
/// Kubernetes helper's PCRE2 wrapper can take over).
protocol RegexMatching: Sendable {
    /// Whether the pattern matches anywhere in `text` (RE2 `matches` semantics: unanchored).
    func matches(_ text: String) -> Bool
    /// Non-overlapping matches, at most `limit` (all when negative).
    func matches(in text: String, limit: Int) -> [String]
}

/// Compiled patterns by source text, so a pattern literal is compiled once, not per call.
enum RegexCache {
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var patterns: [String: any RegexMatching] = [:]
    }

    private static let storage = Storage()
    private static let capacity = 512

    static func compile(_ pattern: String) -> Result<any RegexMatching, CEL.EvaluationError> {
        storage.lock.lock()
        let cached = storage.patterns[pattern]
        storage.lock.unlock()
        if let cached { return .success(cached) }
        let result = PCRE2Pattern.compile(pattern)
        if case .success(let compiled) = result {
            storage.lock.lock()
            if storage.patterns.count >= capacity { storage.patterns.removeAll(keepingCapacity: true) }
            storage.patterns[pattern] = compiled
            storage.lock.unlock()
        }
        return result
    }
}

/// PCRE2 stands in for RE2: the syntax CEL expressions use is common to both, and the
/// backtracking depth and match limits are bounded so hostile patterns cannot run away.
final class PCRE2Pattern: RegexMatching, @unchecked Sendable {
    // The compiled code is immutable after creation; match data is created per call.
    private let code: OpaquePointer

    private init(code: OpaquePointer) { self.code = code }

    deinit { pcre2_code_free_8(code) }

    static func compile(_ pattern: String) -> Result<any RegexMatching, CEL.EvaluationError> {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let options = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            var message = [UInt8](repeating: 0, count: 256)
            _ = pcre2_get_error_message_8(errorCode, &message, message.count)
            let text = String(decoding: message.prefix { $0 != 0 }, as: UTF8.self)
            return .failure(CEL.EvaluationError("invalid regular expression '\(pattern)': \(text)"))
        }
        return .success(PCRE2Pattern(code: compiled))
    }

    func matches(_ text: String) -> Bool {
        firstMatch(in: Array(text.utf8), from: 0) != nil
    }

    func matches(in text: String, limit: Int) -> [String] {
        let bytes = Array(text.utf8)
        var results: [String] = []
        var start = 0
        while limit < 0 || results.count < limit, start <= bytes.count, let range = firstMatch(in: bytes, from: start) {
            results.append(String(decoding: bytes[range], as: UTF8.self))
            if range.isEmpty {
                // Step past an empty match by one whole scalar.
                var next = range.upperBound + 1
                while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
                start = next
            } else {
                start = range.upperBound
            }
        }
        return results
    }

    private func firstMatch(in bytes: [UInt8], from start: Int) -> Range<Int>? {
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return nil }
        defer { pcre2_match_data_free_8(data) }
        guard let context = pcre2_match_context_create_8(nil) else { return nil }
        defer { pcre2_match_context_free_8(context) }
        pcre2_set_match_limit_8(context, 1_000_000)
        pcre2_set_depth_limit_8(context, 10_000)
        // Older PCRE2 releases reject a null subject even when it is empty.
        let subject = bytes.isEmpty ? [0] : bytes
        let status = subject.withUnsafeBufferPointer { buffer in
            pcre2_match_8(code, buffer.baseAddress, bytes.count, start, 0, data, context)
        }
        guard status > 0, let vector = pcre2_get_ovector_pointer_8(data) else { return nil }
        let lower = vector[0]
        let upper = vector[1]
        guard lower <= upper, upper <= bytes.count else { return nil }
        return lower..<upper
    }
}
