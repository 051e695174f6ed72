/// Number spellings as they come out of kustomize's serialisation chain: kyaml decodes a number,
/// `encoding/json` writes it, go-yaml v2 reads the JSON text back (as an int when it can) and
/// writes it with `strconv`. Only the final spelling matters, so each rule collapses the chain.
enum GoNumberFormat {
    /// The output spelling of a scalar that kyaml resolved as an integer (`0x1F`, `0o17`, `0777`,
    /// `+5`, `1_000`). Texts that overflow 64 bits were floats for kyaml, so they go that way too.
    static func integer(_ text: String) -> String? {
        let plain = Array(text.utf8).filter { $0 != UInt8(ascii: "_") }
        if let decimal = GoYAMLv2Scalars.goInteger(plain) { return decimal }
        guard let value = GoYAMLv2Scalars.goFloat(plain) else { return nil }
        return float(value)
    }

    /// The output spelling of a finite float. JSON writes integral values below 1e21 without a
    /// fraction, and v2 reads those back as integers when they fit 64 bits; all else is `%g`.
    static func float(_ value: Double) -> String {
        let digits = ShortestDigits(value)
        if value.rounded(.towardZero) == value, value.magnitude < 1e21 {
            let text = digits.fixed(fractionDigits: 0)
            if let signed = Int64(text) { return String(signed) } // "-0" reads back as 0
            if UInt64(text) != nil { return text }
        }
        return digits.general()
    }
}

/// The shortest decimal digits that read back as the same double, as Go's `strconv` and Swift
/// both produce them: value = 0.`digits` × 10^`decimalPoint`, with `digits` free of outer zeros.
struct ShortestDigits {
    var negative: Bool
    var digits: [UInt8]
    var decimalPoint: Int

    init(_ value: Double) {
        negative = value.sign == .minus
        // Swift's description is a shortest round-trip spelling; only its layout differs from Go's.
        let text = Array(value.magnitude.description.utf8)
        var mantissa = text[...]
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = text[..<e]
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        }
        var all: [UInt8] = []
        var pointAt: Int?
        for byte in mantissa {
            if byte == UInt8(ascii: ".") { pointAt = all.count } else { all.append(byte) }
        }
        var point = (pointAt ?? all.count) + exponent
        while all.first == UInt8(ascii: "0") {
            all.removeFirst()
            point -= 1
        }
        while all.last == UInt8(ascii: "0") { all.removeLast() }
        digits = all
        decimalPoint = all.isEmpty ? 0 : point
    }

    /// Go's `%f` layout with a fixed number of fraction digits (what `'f', -1` uses for JSON).
    func fixed(fractionDigits: Int) -> String {
        var out = negative ? "-" : ""
        if decimalPoint > 0 {
            for i in 0..<decimalPoint { out.append(digit(at: i)) }
        } else {
            out.append("0")
        }
        if fractionDigits > 0 {
            out.append(".")
            for i in 0..<fractionDigits { out.append(digit(at: decimalPoint + i)) }
        }
        return out
    }

    /// Go's `strconv.FormatFloat(v, 'g', -1, 64)`: exponent form when the exponent is below -4 or
    /// at least 6 (shortest mode always decides with precision 6), fixed form otherwise.
    func general() -> String {
        let exponent = decimalPoint - 1
        if !digits.isEmpty, exponent < -4 || exponent >= 6 {
            var out = negative ? "-" : ""
            out.append(digit(at: 0))
            if digits.count > 1 {
                out.append(".")
                for i in 1..<digits.count { out.append(digit(at: i)) }
            }
            out.append(exponent < 0 ? "e-" : "e+")
            let magnitude = String(exponent.magnitude)
            if magnitude.count < 2 { out.append("0") }
            out.append(magnitude)
            return out
        }
        return fixed(fractionDigits: max(digits.count - decimalPoint, 0))
    }

    private func digit(at index: Int) -> Character {
        index >= 0 && index < digits.count ? Character(Unicode.Scalar(digits[index])) : "0"
    }
}
