import CLibYAML
import Diagnostics

/// Turns libyaml's error state into a located diagnostic with a message a person can act on.
enum SyntaxErrors {
    static func diagnostic(for parser: yaml_parser_t, path: String, bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let mark = parser.problem_mark
        let line = Int(mark.line) + 1, column = Int(mark.column) + 1
        let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
        let location = SourceLocation(file: path, line: line, column: column)
        if character(atLine: line, column: column, in: bytes) == 0x09 {
            return Diagnostic(rule: .yamlSyntax, message: "tab character used for indentation; YAML allows only spaces",
                              at: location, fix: "replace the tab with spaces")
        }
        var message = problem
        var related: [RelatedLocation] = []
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " " + context
            let c = parser.context_mark
            if c.line != mark.line || c.column != mark.column {
                related.append(RelatedLocation(SourceLocation(file: path, line: Int(c.line) + 1, column: Int(c.column) + 1),
                                               "the construct started here"))
            }
        }
        return Diagnostic(rule: .yamlSyntax, message: message, at: location, related: related)
    }

    /// The byte at a 1-based line and character column (libyaml counts characters, not bytes).
    static func character(atLine line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var i = 0, currentLine = 1
        while currentLine < line, i < bytes.count {
            if bytes[i] == 0x0A { currentLine += 1 }
            i += 1
        }
        var currentColumn = 1
        while i < bytes.count, currentColumn < column {
            if bytes[i] == 0x0A { return nil }
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            currentColumn += 1
        }
        return i < bytes.count ? bytes[i] : nil
    }
}

/// Lines that end in blanks containing a tab, which Go's YAML parser tolerates and libyaml rejects.
enum TrailingTabs {
    /// The bytes with trailing blanks removed from such lines, or nil when no line has one.
    static func stripped(_ bytes: [UInt8]) -> (bytes: [UInt8], firstLine: Int, firstColumn: Int)? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var first: (Int, Int)?
        var line = 1
        var lineStart = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 0x0A {
                var end = i
                while end > lineStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
                let trailing = bytes[end..<i]
                let hasContent = end > lineStart
                if hasContent, trailing.contains(0x09) {
                    if first == nil {
                        let column = bytes[lineStart..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
                        first = (line, column)
                    }
                    output.append(contentsOf: bytes[lineStart..<end])
                    if trailing.contains(0x0D) { output.append(0x0D) }
                } else {
                    output.append(contentsOf: bytes[lineStart..<i])
                }
                if i < bytes.count { output.append(0x0A) }
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        guard let first else { return nil }
        return (output, first.0, first.1)
    }
}
