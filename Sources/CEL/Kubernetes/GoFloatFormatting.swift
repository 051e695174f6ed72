/// Go's float formatting as cel-go's `format` uses it (`strconv.FormatFloat(x, 'f', -1)`, `%.Nf`,
/// `%.Ne`), computed from the exact binary value so rounding (half to even on exact ties,
/// `%.0f` of 2.5 is "2") matches Go digit for digit.
enum GoFloatFormatting {
    /// Largest precision honoured; far beyond what a double holds, small enough to stay cheap.
    static let maximumPrecision = 500

    /// `'f', -1`: the shortest digits that read back as the same double, never in exponent form.
    static func shortest(_ value: Double) -> String {
        let sign = value.sign == .minus ? "-" : ""
        guard value != 0 else { return sign + "0" }
        // Swift's description already picks the shortest round-tripping digits; only the layout differs.
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = mantissa.filter { $0 != "." }
        let pointPosition = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        return sign + layOut(digits: &digits, pointPosition: pointPosition)
    }

    /// `%.Nf`.
    static func fixed(_ value: Double, precision: Int) -> String {
        let sign = value.sign == .minus ? "-" : ""
        let (digits, exponent) = exactDecimal(value.magnitude)
        let fractionDigits = -exponent
        var kept = digits
        if fractionDigits > precision {
            kept = roundHalfEven(digits, dropping: fractionDigits - precision)
        } else {
            kept += String(repeating: "0", count: precision - fractionDigits)
        }
        // `kept` now holds the value × 10^precision.
        if kept.count <= precision { kept = String(repeating: "0", count: precision - kept.count + 1) + kept }
        let integerPart = kept.prefix(kept.count - precision)
        let fractionPart = kept.suffix(precision)
        return sign + integerPart + (precision > 0 ? "." + fractionPart : "")
    }

    /// `%.Ne`: one digit, the point, N digits, then `e±XX`.
    static func scientific(_ value: Double, precision: Int) -> String {
        let sign = value.sign == .minus ? "-" : ""
        guard value != 0 else {
            return sign + "0" + (precision > 0 ? "." + String(repeating: "0", count: precision) : "") + "e+00"
        }
        let (digits, exponent) = exactDecimal(value.magnitude)
        let significant = String(digits.drop(while: { $0 == "0" }))
        var decimalExponent = significant.count - 1 + exponent
        var kept: String
        if significant.count > precision + 1 {
            kept = roundHalfEven(significant, dropping: significant.count - precision - 1)
            if kept.count > precision + 1 {
                kept.removeLast()
                decimalExponent += 1
            }
        } else {
            kept = significant + String(repeating: "0", count: precision + 1 - significant.count)
        }
        let head = String(kept.prefix(1))
        let tail = precision > 0 ? "." + kept.dropFirst() : ""
        let exponentDigits = String(abs(decimalExponent))
        let paddedExponent = (exponentDigits.count < 2 ? "0" : "") + exponentDigits
        return sign + head + tail + "e" + (decimalExponent < 0 ? "-" : "+") + paddedExponent
    }

    /// The exact value of a finite, non-negative double as decimal digits × 10^exponent.
    static func exactDecimal(_ value: Double) -> (digits: String, exponent: Int) {
        guard value.isFinite, value != 0 else { return ("0", 0) }
        let significand = value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)
        let binaryExponent = Int(value.isNormal ? value.exponentBitPattern : 1) - 1075
        var magnitude = BigNatural(significand)
        if binaryExponent >= 0 {
            magnitude = magnitude.multiplied(byPowerOfTwo: binaryExponent)
            return (magnitude.decimalString, 0)
        }
        // m / 2^k = m × 5^k / 10^k
        var remaining = -binaryExponent
        while remaining >= 13 {
            magnitude.multiply(by: 1_220_703_125) // 5^13
            remaining -= 13
        }
        for _ in 0..<remaining { magnitude.multiply(by: 5) }
        return (magnitude.decimalString, binaryExponent)
    }

    /// Drops `count` trailing digits, rounding half to even; may grow by one digit on carry.
    private static func roundHalfEven(_ digits: String, dropping count: Int) -> String {
        var bytes = Array(digits.utf8)
        guard count > 0 else { return digits }
        guard count <= bytes.count else { return "0" }
        let dropped = bytes[(bytes.count - count)...]
        bytes.removeLast(count)
        let first = dropped.first ?? UInt8(ascii: "0")
        let restIsZero = dropped.dropFirst().allSatisfy { $0 == UInt8(ascii: "0") }
        let lastKeptIsOdd = (bytes.last.map { ($0 - UInt8(ascii: "0")) % 2 == 1 }) ?? false
        let roundUp = first > UInt8(ascii: "5") || (first == UInt8(ascii: "5") && (!restIsZero || lastKeptIsOdd))
        if roundUp {
            var index = bytes.count - 1
            while index >= 0 {
                if bytes[index] == UInt8(ascii: "9") {
                    bytes[index] = UInt8(ascii: "0")
                    index -= 1
                } else {
                    bytes[index] += 1
                    break
                }
            }
            if index < 0 { bytes.insert(UInt8(ascii: "1"), at: 0) }
        }
        return bytes.isEmpty ? "0" : String(decoding: bytes, as: UTF8.self)
    }

    /// Places the point into a digit string, trimming what Go's shortest form never shows.
    private static func layOut(digits: inout String, pointPosition: Int) -> String {
        while digits.count > 1, digits.last == "0", digits.count > max(pointPosition, 1) { digits.removeLast() }
        if pointPosition <= 0 {
            let fraction = String(repeating: "0", count: -pointPosition) + digits
            return fraction.allSatisfy({ $0 == "0" }) ? "0" : "0." + fraction
        }
        if pointPosition >= digits.count {
            return digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return String(digits[..<split]) + "." + String(digits[split...])
    }
}
