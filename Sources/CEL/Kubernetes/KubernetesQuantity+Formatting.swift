/// The canonical text of `Quantity.String()`: no fractional digits, the largest suffix of the
/// quantity's own family that loses nothing (`1.5G` → `1500M`, `1024Mi` → `1Gi`, `0.1` → `100m`).
extension KubernetesQuantity: CustomStringConvertible {
    public var description: String {
        guard !isZero else { return "0" }
        let value = decimalValue
        if format == .binarySI, let binary = KubernetesQuantity.binaryText(value) {
            return binary
        }
        let (mantissa, exponent) = KubernetesQuantity.canonicalBase10(value)
        // A binary quantity that cannot be shown in powers of 1024 is shown in SI units.
        if format != .decimalExponent, let suffix = KubernetesQuantity.decimalSuffixByExponent[exponent] {
            return mantissa + suffix
        }
        // Past `E` (10^18) there is no SI suffix: the exponent form keeps the value intact, as
        // upstream does since the fix for `1000E` printing as `1`.
        return exponent == 0 ? mantissa : mantissa + "e\(exponent)"
    }

    private static let decimalSuffixByExponent: [Int64: String] = Dictionary(
        uniqueKeysWithValues: QuantityUnit.decimalSuffixes.map { (Int64($0.value), $0.key) })
    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    /// Mantissa text and a base-10 exponent that is a multiple of 3, with factors of ten moved out.
    private static func canonicalBase10(_ value: SignedDecimal) -> (String, Int64) {
        var stripped = value.strippingTrailingZeros()
        while stripped.exponent % 3 != 0 {
            stripped.magnitude.multiply(by: 10)
            stripped.exponent -= 1
        }
        return ((stripped.isNegative ? "-" : "") + stripped.magnitude.decimalString, stripped.exponent)
    }

    /// Powers-of-1024 text, or nil when Kubernetes would fall back to decimal: |value| < 1024,
    /// a fractional value, or (our choice where upstream prints a wrong number) beyond `Ei`.
    private static func binaryText(_ value: SignedDecimal) -> String? {
        guard SignedDecimal.compareMagnitudes(value, SignedDecimal(1024, exponent: 0)) >= 0 else { return nil }
        let rounded = value.roundedAwayFromZero(toFractionDigits: 0)
        guard rounded.exact else { return nil }
        var whole = rounded.value
        if whole.exponent > 0 {
            guard whole.exponent <= SignedDecimal.maximumAlignment else { return nil }
            whole.magnitude = whole.magnitude.multiplied(byPowerOfTen: Int(whole.exponent))
        }
        var magnitude = whole.magnitude
        var power = 0
        while magnitude.remainder(dividingBy: 1024) == 0, power < binarySuffixes.count {
            magnitude.divide(by: 1024)
            power += 1
        }
        guard power < binarySuffixes.count else { return nil }
        return (whole.isNegative ? "-" : "") + magnitude.decimalString + binarySuffixes[power]
    }
}
