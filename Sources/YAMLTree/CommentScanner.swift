/// Finds `#` comments. libyaml drops comments, so they are recovered from the bytes: a `#` at the
/// start of a line or after a blank begins a comment unless it lies inside a quoted or block scalar.
enum CommentScanner {
    static func comments(in bytes: [UInt8], skipping opaque: [ClosedRange<Position>]) -> [YAMLComment] {
        var found: [YAMLComment] = []
        var spanIndex = 0
        bytes.withUnsafeBufferPointer { b in
            var i = 0, line: Int32 = 1, column: Int32 = 1
            var previous: UInt8 = 0x0A
            while i < b.count {
                let c = b[i]
                if c == 0x0A {
                    line += 1; column = 1; previous = c; i += 1
                    continue
                }
                if c == 0x23, previous == 0x20 || previous == 0x09 || previous == 0x0A {
                    let here = Position(line: line, column: column)
                    while spanIndex < opaque.count, opaque[spanIndex].upperBound <= here { spanIndex += 1 }
                    let inside = spanIndex < opaque.count && opaque[spanIndex].lowerBound <= here
                    if !inside {
                        var end = i + 1
                        while end < b.count, b[end] != 0x0A { end += 1 }
                        var textEnd = end
                        if textEnd > i + 1, b[textEnd - 1] == 0x0D { textEnd -= 1 }
                        let text = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<textEnd]), as: UTF8.self)
                        found.append(YAMLComment(line: Int(line), column: Int(column), text: text))
                        i = end
                        continue
                    }
                }
                if c & 0xC0 != 0x80 { column += 1 }
                previous = c
                i += 1
            }
        }
        return found
    }
}
