import CPCRE2

/// A compiled RE2-syntax pattern, matched by PCRE2 in UTF mode.
///
/// The compiled code is immutable and PCRE2 allows sharing it across threads; every match call
/// creates its own match data and context, so one instance can serve concurrent evaluations.
/// PCRE2 backtracks where RE2 would not, so each match runs under a match and depth limit and
/// fails with `RegexError.matchLimitExceeded` instead of running away on hostile input.
public final class PCRE2Regex: @unchecked Sendable {
    public let pattern: String
    private let code: OpaquePointer

    /// Backtracking steps one match call may take (PCRE2's own default is 10 million).
    static let matchLimit: UInt32 = 1_000_000
    /// Nesting of backtracking frames one match call may reach.
    static let depthLimit: UInt32 = 10_000
    /// Heap, in KiB, one match call may use for backtracking.
    static let heapLimit: UInt32 = 20_000

    public init(_ pattern: String) throws(RegexError) {
        let translated = try RE2PatternTranslator.translate(pattern)
        // `$` means end of text, as in RE2, unless (?m) is given; newlines are LF only.
        let options = UInt32(PCRE2_UTF) | UInt32(PCRE2_DOLLAR_ENDONLY) | UInt32(PCRE2_NEVER_BACKSLASH_C)
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        if let context { pcre2_set_newline_8(context, UInt32(PCRE2_NEWLINE_LF)) }
        let compiled = translated.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count - 1, options, &errorCode, &errorOffset, context)
            }
        }
        guard let compiled else {
            throw .illegal(PCRE2Regex.message(for: errorCode))
        }
        self.pattern = pattern
        self.code = compiled
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// CEL's `matches`: true if the pattern matches anywhere (RE2 `MatchString`, unanchored).
    public func matches(_ subject: String) throws(RegexError) -> Bool {
        try firstMatchRange(in: Array(subject.utf8), from: 0) != nil
    }

    /// Kubernetes' `find`: the first match, or nil (CEL returns '' then).
    public func firstMatch(in subject: String) throws(RegexError) -> String? {
        let bytes = Array(subject.utf8)
        guard let range = try firstMatchRange(in: bytes, from: 0) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Kubernetes' `findAll`: successive non-overlapping matches, at most `limit` of them
    /// (negative = all). Like Go, an empty match right after the previous match is skipped.
    public func allMatches(in subject: String, limit: Int = -1) throws(RegexError) -> [String] {
        let bytes = Array(subject.utf8)
        var results: [String] = []
        var position = 0
        var previousEnd = -1
        while limit < 0 || results.count < limit, position <= bytes.count {
            guard let range = try firstMatchRange(in: bytes, from: position) else { break }
            var accept = true
            if range.upperBound == position {
                if range.lowerBound == previousEnd { accept = false }
                position += PCRE2Regex.scalarLength(in: bytes, at: position)
            } else {
                position = range.upperBound
            }
            previousEnd = range.upperBound
            if accept { results.append(String(decoding: bytes[range], as: UTF8.self)) }
        }
        return results
    }

    /// Byte length of the code point at `index` (1 at the end, so the scan moves past it).
    private static func scalarLength(in bytes: [UInt8], at index: Int) -> Int {
        guard index < bytes.count else { return 1 }
        switch bytes[index] {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    private func firstMatchRange(in bytes: [UInt8], from start: Int) throws(RegexError) -> Range<Int>? {
        guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
            throw .illegal("out of memory")
        }
        defer { pcre2_match_data_free_8(matchData) }
        let context = pcre2_match_context_create_8(nil)
        defer { pcre2_match_context_free_8(context) }
        if let context {
            pcre2_set_match_limit_8(context, PCRE2Regex.matchLimit)
            pcre2_set_depth_limit_8(context, PCRE2Regex.depthLimit)
            pcre2_set_heap_limit_8(context, PCRE2Regex.heapLimit)
        }
        // Swift strings are valid UTF-8, so PCRE2's per-call check (linear each time) is skipped.
        let result = bytes.withUnsafeBufferPointer { buffer in
            pcre2_match_8(code, buffer.baseAddress, buffer.count, start, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
        }
        if result == PCRE2_ERROR_NOMATCH { return nil }
        guard result >= 0 else {
            switch result {
            case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT:
                throw .matchLimitExceeded
            default:
                throw .illegal(PCRE2Regex.message(for: result))
            }
        }
        guard let offsets = pcre2_get_ovector_pointer_8(matchData) else { return nil }
        let lower = offsets[0], upper = offsets[1]
        guard lower <= upper, upper <= bytes.count else { return nil }
        return lower..<upper
    }

    private static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        guard length > 0 else { return "error \(errorCode)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}
