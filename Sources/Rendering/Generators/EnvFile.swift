/// kustomize's env-file reader (`kv.keyValuesFromLines`): one `KEY=VALUE` per line.
///
/// Lines split on `\n` with a trailing `\r` dropped (Go's `bufio.ScanLines`); a UTF-8 byte-order
/// mark is dropped from the first line only; leading white space is dropped; empty lines and
/// `#` comments are skipped; the value is everything after the first `=`, kept verbatim
/// (no quote removal, trailing spaces kept); the key must be an environment variable name.
///
/// A line with a key and no `=` makes an empty value. kustomize would read the value from its
/// own process environment there; a validator must not leak its environment into output, so
/// we keep the value empty, which is what a controller without that variable produces.
enum EnvFile {
    static func pairs(in bytes: [UInt8], path: String, step: String) throws(RenderError) -> [KeyValue] {
        var pairs: [KeyValue] = []
        for (index, rawLine) in lines(of: bytes).enumerated() {
            let lineNumber = index + 1
            let origin = Origin(file: path, line: lineNumber, column: 1, changedBy: step)
            var line = rawLine[...]
            // Go checks UTF-8 before dropping the BOM; the line's content stays out of the
            // message because the file may feed a Secret.
            guard let _ = String(validating: line, as: UTF8.self) else {
                throw RenderError(.invalid, "line \(lineNumber) has invalid utf8 bytes", at: origin)
            }
            if index == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            let text = String(decoding: line, as: UTF8.self)
            let trimmed = text.unicodeScalars.drop(while: { $0.properties.isWhitespace })
            guard let first = trimmed.first, first != "#" else { continue }
            let (key, value) = splitAtFirstEquals(String(String.UnicodeScalarView(trimmed)))
            if let problem = KeyValidation.envVarNameProblem(key) {
                throw RenderError(.invalid, problem, at: origin)
            }
            pairs.append(KeyValue(key: key, bytes: Array((value ?? "").utf8), origin: origin))
        }
        return pairs
    }

    /// Splits at the first `=` byte (Go's `strings.SplitN(s, "=", 2)`); nil when there is none.
    static func splitAtFirstEquals(_ text: String) -> (key: String, value: String?) {
        let bytes = Array(text.utf8)
        guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return (text, nil) }
        return (String(decoding: bytes[..<equals], as: UTF8.self),
                String(decoding: bytes[(equals + 1)...], as: UTF8.self))
    }

    /// Go's `bufio.ScanLines`: no empty token after a final newline.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            result.append(droppingCarriageReturn(bytes[start..<index]))
            start = index + 1
        }
        if start < bytes.count { result.append(droppingCarriageReturn(bytes[start...])) }
        return result
    }

    private static func droppingCarriageReturn(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }
}
