/// One generated data entry before encoding: its key, raw bytes and where they came from.
struct KeyValue: Sendable {
    var key: String
    var bytes: [UInt8]
    var origin: Origin
}

/// kustomize's `kv.loader`: turns `envs`, `literals` and `files` (in that order) into
/// key/value pairs, then checks the keys the way `makeValidatedDataMap` does.
///
/// Secret values never reach an error message: for a Secret generator, messages name keys
/// and files only.
struct KeyValueSources {
    var args: GeneratorArgs

    func pairs(read: GeneratorFileReader) throws(RenderError) -> [KeyValue] {
        var pairs: [KeyValue] = []
        for env in args.envs { pairs += try envPairs(env, read: read) }
        for literal in args.literals { pairs.append(try literalPair(literal)) }
        for file in args.files { pairs.append(try filePair(file, read: read)) }
        var seen: Set<String> = []
        for pair in pairs {
            if let problem = KeyValidation.configMapKeyProblem(pair.key) {
                throw RenderError(.invalid, problem, at: pair.origin)
            }
            guard seen.insert(pair.key).inserted else {
                // kustomize says "configmap" for Secrets too.
                throw RenderError(.invalid, "configmap \(args.name) illegally repeats the key `\(pair.key)`", at: pair.origin)
            }
        }
        return pairs
    }

    private var isSecret: Bool { args.kind == .secret }

    /// A file that cannot be read is reported at the entry naming it.
    private func located<T>(_ node: Node, _ body: () throws(RenderError) -> T) throws(RenderError) -> T {
        do {
            return try body()
        } catch {
            guard error.location == nil else { throw error }
            throw RenderError(error.kind, error.message, at: node.origin ?? args.origin)
        }
    }

    private func stepped(_ origin: Origin?) -> Origin {
        (origin ?? args.origin).changed(by: args.step)
    }

    // MARK: literals

    /// `key=value`: the value may hold further `=`; one pair of matching surrounding quotes is dropped.
    private func literalPair(_ node: Node) throws(RenderError) -> KeyValue {
        let source = node.text ?? ""
        let (key, rawValue) = EnvFile.splitAtFirstEquals(source)
        guard let rawValue, !key.isEmpty else {
            let shown = isSecret ? "" : " \(source)"
            throw RenderError(.invalid, "invalid literal source\(shown), expected key=value", at: node.origin ?? args.origin)
        }
        let value = Self.removingQuotes(rawValue)
        return KeyValue(key: key, bytes: Array(value.utf8), origin: stepped(node.origin))
    }

    /// kustomize's `removeQuotes`: strips `"…"` or `'…'` only when both ends carry the same quote.
    static func removingQuotes(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, bytes[0] == bytes[bytes.count - 1],
              bytes[0] == UInt8(ascii: "\"") || bytes[0] == UInt8(ascii: "'") else { return value }
        return String(decoding: bytes[1..<(bytes.count - 1)], as: UTF8.self)
    }

    // MARK: files

    /// `path` (key = the path's base name) or `key=path`.
    private func filePair(_ node: Node, read: GeneratorFileReader) throws(RenderError) -> KeyValue {
        let source = node.text ?? ""
        let (key, path) = try Self.parseFileSource(source, at: node.origin ?? args.origin)
        let file = try located(node) { () throws(RenderError) in try read(path) }
        return KeyValue(key: key, bytes: file.bytes, origin: Origin(file: file.path, line: 1, column: 1, changedBy: args.step))
    }

    /// kustomize's `ParseFileSource`, with its error texts.
    static func parseFileSource(_ source: String, at origin: Origin?) throws(RenderError) -> (key: String, path: String) {
        let parts = source.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            return (baseName(source), source)
        case 2 where parts[0].isEmpty:
            throw RenderError(.invalid, "missing key name for file path \(KeyValidation.goQuoted(parts[1])) in source \(KeyValidation.goQuoted(source))", at: origin)
        case 2 where parts[1].isEmpty:
            throw RenderError(.invalid, "missing file path for key name \(KeyValidation.goQuoted(parts[0])) in source \(KeyValidation.goQuoted(source))", at: origin)
        case 2:
            return (parts[0], parts[1])
        default:
            throw RenderError(.invalid, "source \(KeyValidation.goQuoted(source)) key name or file path contains '='", at: origin)
        }
    }

    /// Go's `path.Base`.
    static func baseName(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/" { return "/" }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return String(trimmed)
    }

    // MARK: env files

    private func envPairs(_ node: Node, read: GeneratorFileReader) throws(RenderError) -> [KeyValue] {
        let file = try located(node) { () throws(RenderError) in try read(node.text ?? "") }
        return try EnvFile.pairs(in: file.bytes, path: file.path, step: args.step)
    }
}
