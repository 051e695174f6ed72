/// How go-yaml v2 (the library behind `sigs.k8s.io/yaml.JSONToYAML`) reads an unquoted scalar.
/// Its encoder quotes a string exactly when the plain text would read back as something else, so
/// this decides `"true"` versus `true` in kustomize output. v2 follows YAML 1.1: `yes`, `on`, `y`,
/// `0777`, `1:20` and dates are all non-strings there, unlike in kyaml's YAML 1.2 reading.
enum GoYAMLv2Scalars {
    /// Whether the encoder must double-quote `text` so that it stays a string.
    static func needsQuotes(_ text: String) -> Bool {
        !resolvesToString(text) || isBase60Float(text)
    }

    /// go-yaml v2 `resolve("", text)` yields the string tag.
    static func resolvesToString(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return false } // "" is null
        if specialWords.contains(text) { return false }
        switch first {
        case UInt8(ascii: "."):
            return goFloat(bytes) == nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if isTimestamp(bytes) { return false }
            let plain = bytes.filter { $0 != UInt8(ascii: "_") }
            if goInteger(plain) != nil { return false }
            if matchesYAMLFloatSyntax(plain), goFloat(plain) != nil { return false }
            // The sigs.k8s.io fork of v2 reads unsigned integers too big for 64 bits as big ints.
            return !isOverflowingUnsignedInteger(plain)
        default:
            // Only the words above resolve for other first characters.
            return true
        }
    }

    /// Every word v2 resolves by table lookup (bools of YAML 1.1, nulls, infinities, NaN, merge).
    private static let specialWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
        "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ]

    // MARK: Numbers as Go's strconv reads them

    /// `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint`: an optional sign, then a `0x`,
    /// `0o`, `0b` or legacy `0` octal prefix or plain decimal. Returns the value as text in decimal.
    static func goInteger(_ bytes: [UInt8]) -> String? {
        var rest = bytes[...]
        var sign: UInt8?
        if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first
            rest = rest.dropFirst()
        }
        guard let (radix, digits) = unsignedDigits(rest),
              let magnitude = UInt64(String(decoding: digits, as: UTF8.self), radix: radix) else { return nil }
        switch sign {
        case UInt8(ascii: "-"):
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == 0 ? "0" : "-\(magnitude)"
        case UInt8(ascii: "+"):
            // Only ParseInt takes a sign, so a signed value must fit Int64.
            return magnitude <= UInt64(Int64.max) ? String(magnitude) : nil
        default:
            return String(magnitude)
        }
    }

    /// `strconv.ParseUint(s, 0, 64)` fails with `ErrRange`: valid unsigned syntax, too many bits.
    static func isOverflowingUnsignedInteger(_ bytes: [UInt8]) -> Bool {
        guard let (radix, digits) = unsignedDigits(bytes[...]) else { return false }
        return UInt64(String(decoding: digits, as: UTF8.self), radix: radix) == nil
    }

    /// Splits Go's base-0 integer syntax (no sign) into radix and digits, or nil on a syntax error.
    private static func unsignedDigits(_ bytes: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>)? {
        var digits = bytes
        var radix = 10
        if digits.count >= 2, digits.first == UInt8(ascii: "0") {
            switch digits[digits.startIndex + 1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16; digits = digits.dropFirst(2)
            case UInt8(ascii: "o"): radix = 8; digits = digits.dropFirst(2)
            case UInt8(ascii: "b"): radix = 2; digits = digits.dropFirst(2)
            default: radix = 8; digits = digits.dropFirst()
            }
        }
        guard !digits.isEmpty, digits.allSatisfy({ digitValue($0) < radix }) else { return nil }
        return (radix, digits)
    }

    private static func digitValue(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        default: 99
        }
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, the float syntax both go-yaml
    /// versions require before calling `ParseFloat`.
    static func matchesYAMLFloatSyntax(_ bytes: [UInt8]) -> Bool {
        var rest = bytes[...]
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        func skipDigits() -> Int {
            let count = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(count)
            return count
        }
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            guard skipDigits() > 0 else { return false }
        } else {
            guard skipDigits() > 0 else { return false }
            if rest.first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
                _ = skipDigits()
            }
        }
        if let e = rest.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard skipDigits() > 0 else { return false }
        }
        return rest.isEmpty
    }

    /// `strconv.ParseFloat(s, 64)` for decimal syntax; nil on a syntax error or overflow (Go
    /// reports `ErrRange`, and the resolver then treats the text as a string).
    static func goFloat(_ bytes: [UInt8]) -> Double? {
        guard matchesYAMLFloatSyntax(bytes),
              let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    // MARK: Dates and sexagesimal numbers

    /// v2's `parseTimestamp`: four digits and a dash, then one of Go's layouts
    /// `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), `2006-1-2 15:4:5.999999999` or `2006-1-2`.
    static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var reader = DateReader(bytes: bytes)
        guard let year = reader.number(minDigits: 4, maxDigits: 4), reader.take(UInt8(ascii: "-")),
              let month = reader.number(minDigits: 1, maxDigits: 2), (1...12).contains(month), reader.take(UInt8(ascii: "-")),
              let day = reader.number(minDigits: 1, maxDigits: 2), day >= 1, day <= daysIn(month: month, year: year)
        else { return false }
        if reader.atEnd { return true }
        let separator = reader.next()
        let needsZone: Bool
        switch separator {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): needsZone = true
        case UInt8(ascii: " "):
            // A space in a Go layout matches any run of spaces.
            needsZone = false
            while reader.take(UInt8(ascii: " ")) {}
        default: return false
        }
        guard let hour = reader.number(minDigits: 1, maxDigits: 2), hour < 24, reader.take(UInt8(ascii: ":")),
              let minute = reader.number(minDigits: 1, maxDigits: 2), minute < 60, reader.take(UInt8(ascii: ":")),
              let second = reader.number(minDigits: 1, maxDigits: 2), second < 60 else { return false }
        if reader.peek == UInt8(ascii: ".") || reader.peek == UInt8(ascii: ",") {
            _ = reader.next()
            // Go takes any number of fraction digits here, not just nine.
            guard reader.number(minDigits: 1, maxDigits: Int.max) != nil else { return false }
        }
        guard needsZone else { return reader.atEnd }
        if reader.take(UInt8(ascii: "Z")) { return reader.atEnd }
        guard let sign = reader.next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let zoneHour = reader.number(minDigits: 2, maxDigits: 2), zoneHour <= 24, reader.take(UInt8(ascii: ":")),
              let zoneMinute = reader.number(minDigits: 2, maxDigits: 2), zoneMinute <= 60 else { return false }
        return reader.atEnd
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct DateReader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maxDigits, let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                value = value &* 10 &+ Int(b - UInt8(ascii: "0"))
                index += 1
                count += 1
            }
            return count >= minDigits ? value : nil
        }
    }

    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`: YAML 1.1 base-60 numbers such as
    /// `1:20`, which v2 no longer decodes but still quotes for other parsers.
    static func isBase60Float(_ text: String) -> Bool {
        var rest = Array(text.utf8)[...]
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard isDigit(rest.first) else { return false }
        rest = rest.dropFirst()
        while let b = rest.first, isDigit(b) || b == UInt8(ascii: "_") { rest = rest.dropFirst() }
        var groups = 0
        while rest.first == UInt8(ascii: ":") {
            rest = rest.dropFirst()
            // `[0-5]?[0-9]`: one digit, or two when the first is 0-5.
            guard isDigit(rest.first) else { return false }
            let first = rest.removeFirst()
            if first <= UInt8(ascii: "5"), isDigit(rest.first) { rest = rest.dropFirst() }
            groups += 1
        }
        guard groups > 0 else { return false }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            while let b = rest.first, isDigit(b) || b == UInt8(ascii: "_") { rest = rest.dropFirst() }
        }
        return rest.isEmpty
    }
}
