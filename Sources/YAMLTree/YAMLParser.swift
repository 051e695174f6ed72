import CLibYAML
import Diagnostics

/// The YAML front-end: libyaml's event parser feeding `DocumentBuilder` arenas, with positions on
/// every node and every problem turned into a located diagnostic. It never throws and never
/// stops at the first bad document of a stream without saying so.
public enum YAMLParser {
    public static func parse(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> YAMLFile {
        if bytes.isEmpty {
            return YAMLFile(path: path, documents: [], comments: [], diagnostics: [], size: 0)
        }
        if ByteChecks.looksBinary(bytes) {
            return rejected(path, bytes, Diagnostic(rule: .yamlBinary, message: "file contains binary data (NUL bytes); it is not YAML",
                                                  at: .startOf(path), fix: "remove the file or exclude it from the unit's path"))
        }
        if !ByteChecks.hasWideBOM(bytes), let bad = ByteChecks.firstInvalidUTF8(bytes) {
            return rejected(path, bytes, Diagnostic(rule: .yamlEncoding, message: "invalid UTF-8 byte sequence",
                                                  at: SourceLocation(file: path, line: bad.line, column: bad.column),
                                                  fix: "re-save the file as UTF-8"))
        }
        var result = EventReader(path: path, limits: limits).read(bytes)
        if result.syntaxError != nil, let cleaned = TrailingTabs.stripped(bytes) {
            // Go's parser (Flux, Argo CD, kubectl) accepts tabs after a value; libyaml does not.
            // Re-read without them so the objects are still analysed, and warn instead.
            let retry = EventReader(path: path, limits: limits).read(cleaned.bytes)
            if retry.syntaxError == nil {
                result = retry
                result.diagnostics.append(Diagnostic(
                    rule: .yamlTrailingTab, message: "tab character after a value; strict YAML parsers reject this file",
                    at: SourceLocation(file: path, line: cleaned.firstLine, column: cleaned.firstColumn),
                    fix: "delete the trailing tab"))
            }
        }
        let comments = CommentScanner.comments(in: bytes, skipping: result.opaqueSpans)
        return YAMLFile(path: path, documents: result.documents, comments: comments,
                        diagnostics: result.diagnostics.sorted(), size: bytes.count)
    }

    private static func rejected(_ path: String, _ bytes: [UInt8], _ diagnostic: Diagnostic) -> YAMLFile {
        YAMLFile(path: path, documents: [], comments: [], diagnostics: [diagnostic], size: bytes.count)
    }
}

/// One pass of libyaml over a buffer.
struct EventReader {
    struct Result {
        var documents: [YAMLDocument] = []
        var diagnostics: [Diagnostic] = []
        var syntaxError: Diagnostic?
        /// Quoted and block scalars, whose `#` characters are content rather than comments.
        var opaqueSpans: [ClosedRange<Position>] = []
    }

    let path: String
    let limits: YAMLLimits

    func read(_ bytes: [UInt8]) -> Result {
        var result = Result()
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            result.diagnostics.append(Diagnostic(rule: .fileUnreadable, message: "the YAML parser could not start (out of memory)", at: .startOf(path)))
            return result
        }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            run(&parser, bytes: buffer, into: &result)
        }
        if let error = result.syntaxError { result.diagnostics.append(error) }
        return result
    }

    private func run(_ parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, into result: inout Result) {
        var builder = DocumentBuilder(limits: limits)
        var documentStart = 1
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                result.syntaxError = SyntaxErrors.diagnostic(for: parser, path: path, bytes: bytes)
                return
            }
            defer { yaml_event_delete(&event) }
            let start = (Int32(event.start_mark.line + 1), Int32(event.start_mark.column + 1))
            let end = (Int32(event.end_mark.line + 1), Int32(event.end_mark.column + 1))
            do throws(DocumentBuilder.Failure) {
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    builder = DocumentBuilder(limits: limits)
                    documentStart = Int(start.0)
                case YAML_DOCUMENT_END_EVENT:
                    result.documents.append(builder.finish(file: path, index: result.documents.count,
                                                           startLine: documentStart, endLine: Int(end.0)))
                    result.diagnostics += duplicateKeyDiagnostics(builder)
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let style = Self.style(s.style)
                    if style != .plain { result.opaqueSpans.append(Position(start)...Position(end)) }
                    builder.scalar(UnsafeBufferPointer(start: s.value, count: s.length), style: style,
                                   tag: Self.text(s.tag), anchor: Self.text(s.anchor), start: start, end: end)
                case YAML_SEQUENCE_START_EVENT:
                    let s = event.data.sequence_start
                    try builder.open(.sequence, tag: Self.text(s.tag), anchor: Self.text(s.anchor), start: start)
                case YAML_MAPPING_START_EVENT:
                    let m = event.data.mapping_start
                    try builder.open(.mapping, tag: Self.text(m.tag), anchor: Self.text(m.anchor), start: start)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    try builder.close(end: end)
                case YAML_ALIAS_EVENT:
                    try builder.alias(Self.text(event.data.alias.anchor) ?? "", at: start)
                default:
                    break
                }
            } catch {
                result.syntaxError = failureDiagnostic(error)
                return
            }
        }
    }

    private func duplicateKeyDiagnostics(_ builder: DocumentBuilder) -> [Diagnostic] {
        builder.duplicates.map { dup in
            Diagnostic(rule: .yamlDuplicateKey, message: "duplicate key \"\(dup.key)\" in mapping",
                       at: SourceLocation(file: path, line: dup.second.0, column: dup.second.1),
                       related: [RelatedLocation(SourceLocation(file: path, line: dup.first.0, column: dup.first.1), "first defined here")],
                       fix: "remove one of the two \"\(dup.key)\" keys")
        }
    }

    private func failureDiagnostic(_ failure: DocumentBuilder.Failure) -> Diagnostic {
        switch failure {
        case let .tooDeep(line, column):
            return Diagnostic(rule: .yamlDepth, message: "collections nested deeper than \(limits.maxDepth) levels",
                              at: SourceLocation(file: path, line: line, column: column),
                              fix: "flatten the structure; no Kubernetes object nests this deep")
        case let .aliasBudget(line, column, anchor):
            let name = anchor.isEmpty ? "aliases" : "aliases of &\(anchor)"
            return Diagnostic(rule: .yamlAliasBudget,
                              message: "\(name) expand to more than \(limits.maxExpandedNodes) nodes (alias bomb); the rest of the file is not read",
                              at: SourceLocation(file: path, line: line, column: column),
                              fix: "replace nested aliases with plain content")
        case let .unknownAnchor(line, column, anchor, recursive):
            let message = recursive ? "alias *\(anchor) refers to the node that contains it"
                                    : "alias *\(anchor) refers to an anchor that is not defined before it"
            return Diagnostic(rule: .yamlSyntax, message: message, at: SourceLocation(file: path, line: line, column: column),
                              fix: "define &\(anchor) before using *\(anchor)")
        }
    }

    static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}

/// A (line, column) pair, 1-based, ordered as text is read.
struct Position: Comparable, Sendable {
    let line: Int32
    let column: Int32
    init(_ pair: (Int32, Int32)) { line = pair.0; column = pair.1 }
    init(line: Int32, column: Int32) { self.line = line; self.column = column }
    static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
}
