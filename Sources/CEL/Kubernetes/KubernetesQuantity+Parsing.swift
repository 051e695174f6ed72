/// Parsing follows `resource.ParseQuantity` step by step, because which strings are accepted and
/// which storage (int64 or decimal) they land in are both observable from CEL.
extension KubernetesQuantity {
    /// Longest text we parse; far beyond any real quantity, and it keeps digit conversion cheap.
    static let maximumTextLength = 4096

    public init(parsing text: String) throws(KubernetesQuantityError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .formatWrong }
        guard bytes.count <= KubernetesQuantity.maximumTextLength else { throw .tooLarge }
        if text == "0" {
            self.init(storage: .scaled(value: 0, scale: 0), format: .decimalSI)
            return
        }
        let parts = try QuantityText(scanning: bytes)
        guard let unit = QuantityUnit(suffix: parts.suffix) else { throw .suffix }

        if let fast = try KubernetesQuantity.fastPath(parts, unit) {
            self = fast
            return
        }
        self = try KubernetesQuantity.decimalPath(parts, unit)
    }

    /// True iff `init(parsing:)` succeeds.
    public static func isValid(_ text: String) -> Bool {
        (try? KubernetesQuantity(parsing: text)) != nil
    }

    /// The int64 form, used when the digits and the power of ten both fit comfortably.
    private static func fastPath(_ parts: QuantityText, _ unit: QuantityUnit) throws(KubernetesQuantityError) -> KubernetesQuantity? {
        let digitCount = parts.numerator.count + parts.fraction.count
        var precision: Int
        var scale: Int64 = 0
        var multiplier: Int64 = 1
        switch unit.format {
        case .decimalExponent, .decimalSI:
            scale = Int64(unit.exponent)
            precision = 19 - digitCount
        case .binarySI:
            guard unit.exponent >= 0, parts.fraction.isEmpty else { return nil }
            multiplier = 1 << Int64(unit.exponent)
            // Roughly 3 decimal digits per 10 bits of the binary multiplier.
            precision = 15 - parts.numerator.count - Int(unit.exponent) * 3 / 10 - 1
        }
        guard precision >= 0 else { return nil }
        scale -= Int64(parts.fraction.count)
        guard scale >= -9 else { return nil }
        // At most 19 digits here; Kubernetes rejects (not widens) the ones above int64.
        guard let digits = Int64(String(decoding: parts.numerator + parts.fraction, as: UTF8.self)) else {
            throw .numeric
        }
        let (product, overflow) = digits.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        return KubernetesQuantity(storage: .scaled(value: parts.isPositive ? product : -product, scale: Int32(scale)), format: unit.format)
    }

    /// The arbitrary-precision form: round up to nano units, cap binary quantities at int64.
    private static func decimalPath(_ parts: QuantityText, _ unit: QuantityUnit) throws(KubernetesQuantityError) -> KubernetesQuantity {
        guard var amount = SignedDecimal(decimalText: parts.value) else { throw .numeric }
        var format = unit.format
        switch unit.base {
        case .ten: amount.exponent += Int64(unit.exponent)
        case .two: amount.magnitude = amount.magnitude.multiplied(byPowerOfTwo: Int(unit.exponent))
        }
        if amount.sign != 0 {
            // Rounding up, not to nearest: asking for any resource at all should get some.
            amount = amount.roundedAwayFromZero(toFractionDigits: 9).value
        }
        if format == .binarySI {
            let limit = SignedDecimal(Int64.max, exponent: 0)
            if SignedDecimal.compareMagnitudes(amount, limit) > 0 {
                amount = amount.isNegative ? limit.negated : limit
            }
            if amount.sign != 0, SignedDecimal.compareMagnitudes(amount, SignedDecimal(1, exponent: 0)) < 0 {
                format = .decimalSI
            }
        }
        return KubernetesQuantity(storage: .decimal(amount), format: format)
    }
}

/// The pieces of a quantity string, as Kubernetes' hand-written scanner splits them.
struct QuantityText {
    var isPositive = true
    /// The signed number as written (or "0" when it was all zeros).
    var value: ArraySlice<UInt8> = []
    /// Integer digits without leading zeros ("0" if none are left).
    var numerator: ArraySlice<UInt8> = []
    var fraction: ArraySlice<UInt8> = []
    var suffix: ArraySlice<UInt8> = []

    private static let zero: ArraySlice<UInt8> = [UInt8(ascii: "0")]
    private static let suffixLetters = Set("eEinumkKMGTP".utf8)

    init(scanning bytes: [UInt8]) throws(KubernetesQuantityError) {
        let end = bytes.endIndex
        var position = 0
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            isPositive = first == UInt8(ascii: "+")
            position = 1
        }
        while position < end, bytes[position] == UInt8(ascii: "0") { position += 1 }
        if position == end {
            numerator = QuantityText.zero
            value = QuantityText.zero
            return
        }
        let numeratorStart = position
        while position < end, bytes[position].isASCIIDigit { position += 1 }
        numerator = bytes[numeratorStart..<position]
        if position == end {
            value = bytes[...]
            return
        }
        if numerator.isEmpty { numerator = QuantityText.zero }
        if bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < end, bytes[position].isASCIIDigit { position += 1 }
            fraction = bytes[fractionStart..<position]
            if position == end {
                value = bytes[...]
                return
            }
        }
        value = bytes[..<position]
        let suffixStart = position
        while position < end, QuantityText.suffixLetters.contains(bytes[position]) { position += 1 }
        if position < end, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            position += 1
        }
        while position < end, bytes[position].isASCIIDigit { position += 1 }
        guard position == end else { throw .formatWrong }
        suffix = bytes[suffixStart...]
    }
}

/// A suffix read as base, exponent and the format it implies.
struct QuantityUnit {
    enum Base { case two, ten }
    var base: Base
    var exponent: Int32
    var format: KubernetesQuantity.Format

    static let decimalSuffixes: [String: Int32] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]
    static let binarySuffixes: [String: Int32] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]

    init?(suffix bytes: ArraySlice<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let exponent = QuantityUnit.decimalSuffixes[text] {
            self.init(base: .ten, exponent: exponent, format: .decimalSI)
        } else if let exponent = QuantityUnit.binarySuffixes[text] {
            self.init(base: .two, exponent: exponent, format: .binarySI)
        } else if text.count > 1, text.first == "e" || text.first == "E", let parsed = Int64(goDecimal: text.dropFirst()),
                  parsed >= -Int64(Int32.max), parsed <= Int64(Int32.max) {
            // Current Kubernetes rejects exponents past ±MaxInt32 (older releases truncated them).
            self.init(base: .ten, exponent: Int32(parsed), format: .decimalExponent)
        } else {
            return nil
        }
    }

    private init(base: Base, exponent: Int32, format: KubernetesQuantity.Format) {
        self.base = base
        self.exponent = exponent
        self.format = format
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}

extension Int64 {
    /// Go's `strconv.ParseInt(s, 10, 64)`: optional sign, at least one digit, nothing else.
    init?(goDecimal text: Substring) {
        var digits = text
        var negative = false
        if let first = digits.first, first == "+" || first == "-" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy(\.isASCIIDigit) else { return nil }
        guard let magnitude = UInt64(digits) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            self = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        } else {
            guard magnitude <= UInt64(Int64.max) else { return nil }
            self = Int64(magnitude)
        }
    }
}

extension SignedDecimal {
    /// `[sign] digits [. digits]` with at least one digit, as `inf.Dec.SetString` reads it.
    init?(decimalText text: ArraySlice<UInt8>) {
        var rest = text
        var negative = false
        if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        let point = rest.firstIndex(of: UInt8(ascii: "."))
        let whole = rest[..<(point ?? rest.endIndex)]
        let fraction = point.map { rest[rest.index(after: $0)...] } ?? []
        let digits = Array(whole) + Array(fraction)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        guard let magnitude = BigNatural(decimalDigits: Substring(decoding: digits, as: UTF8.self)) else { return nil }
        self.init(isNegative: negative, magnitude: magnitude, exponent: -Int64(fraction.count))
    }
}
