/// Checks that run on raw bytes before libyaml sees them: libyaml would report these as
/// confusing syntax errors, or not at all.
enum ByteChecks {
    /// True when the bytes contain a NUL, the usual mark of a binary file.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { $0.contains(0) }
    }

    /// True for a UTF-16 or UTF-32 byte-order mark, which libyaml decodes itself.
    static func hasWideBOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    }

    /// The (line, column) of the first byte that is not valid UTF-8, or nil when all is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        bytes.withUnsafeBufferPointer { b -> (Int, Int)? in
            var i = 0, line = 1, column = 1
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    if c == 0x0A { line += 1; column = 1 } else { column += 1 }
                    i += 1
                    continue
                }
                let width: Int
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: width = 2
                case 0xE0: width = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: width = 3
                case 0xED: width = 3; upper = 0x9F
                case 0xF0: width = 4; lower = 0x90
                case 0xF1...0xF3: width = 4
                case 0xF4: width = 4; upper = 0x8F
                default: return (line, column)
                }
                guard i + width <= n else { return (line, column) }
                if b[i + 1] < lower || b[i + 1] > upper { return (line, column) }
                var k = 2
                while k < width {
                    if b[i + k] < 0x80 || b[i + k] > 0xBF { return (line, column) }
                    k += 1
                }
                i += width
                column += 1
            }
            return nil
        }
    }
}
