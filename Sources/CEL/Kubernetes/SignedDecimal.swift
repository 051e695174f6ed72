/// An exact decimal `±magnitude × 10^exponent`, the counterpart of Go's `inf.Dec` that
/// Kubernetes falls back to when a quantity leaves the int64 fast path.
///
/// Exponents come from untrusted text (`1e2000000000`), so nothing here writes a number out in
/// digits unless the caller has checked the size: comparisons decide by magnitude bounds first,
/// and alignment for addition is refused past `maximumAlignment` digits.
struct SignedDecimal: Sendable {
    var isNegative: Bool
    var magnitude: BigNatural
    var exponent: Int64

    /// Largest number of decimal digits an addition may have to write out to line up two exponents.
    static let maximumAlignment: Int64 = 4096

    init(isNegative: Bool = false, magnitude: BigNatural, exponent: Int64) {
        self.isNegative = isNegative && !magnitude.isZero
        self.magnitude = magnitude
        self.exponent = exponent
    }

    init(_ value: Int64, exponent: Int64) {
        self.init(isNegative: value < 0, magnitude: BigNatural(value.magnitude), exponent: exponent)
    }

    var sign: Int { magnitude.isZero ? 0 : (isNegative ? -1 : 1) }

    var negated: SignedDecimal {
        SignedDecimal(isNegative: !isNegative, magnitude: magnitude, exponent: exponent)
    }

    /// Decimal-exponent bounds: `10^low <= |self| < 10^high` for a non-zero value.
    private var magnitudeBounds: (low: Int64, high: Int64) {
        let bits = Int64(magnitude.bitWidth)
        // log10(2) ≈ 0.30103; floor/ceil slack keeps both bounds safe.
        return ((bits - 1) * 30_102 / 100_000 + exponent, bits * 30_103 / 100_000 + 1 + exponent)
    }

    static func compareMagnitudes(_ lhs: SignedDecimal, _ rhs: SignedDecimal) -> Int {
        switch (lhs.magnitude.isZero, rhs.magnitude.isZero) {
        case (true, true): return 0
        case (true, false): return -1
        case (false, true): return 1
        case (false, false): break
        }
        let left = lhs.magnitudeBounds, right = rhs.magnitudeBounds
        if left.low >= right.high { return 1 }
        if right.low >= left.high { return -1 }
        // Overlapping bounds mean the exponents differ by at most the operands' own digit counts.
        let (alignedLeft, alignedRight) = aligned(lhs, rhs)
        return alignedLeft == alignedRight ? 0 : (alignedLeft < alignedRight ? -1 : 1)
    }

    static func compare(_ lhs: SignedDecimal, _ rhs: SignedDecimal) -> Int {
        if lhs.sign != rhs.sign { return lhs.sign < rhs.sign ? -1 : 1 }
        let magnitudes = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? -magnitudes : magnitudes
    }

    /// Both magnitudes written at the smaller exponent.
    private static func aligned(_ lhs: SignedDecimal, _ rhs: SignedDecimal) -> (BigNatural, BigNatural) {
        if lhs.exponent >= rhs.exponent {
            return (lhs.magnitude.multiplied(byPowerOfTen: Int(lhs.exponent - rhs.exponent)), rhs.magnitude)
        }
        return (lhs.magnitude, rhs.magnitude.multiplied(byPowerOfTen: Int(rhs.exponent - lhs.exponent)))
    }

    /// The exact sum, or nil when the exponents are too far apart to write the result out.
    func adding(_ other: SignedDecimal) -> SignedDecimal? {
        if other.magnitude.isZero { return self }
        if magnitude.isZero { return other }
        let gap = exponent >= other.exponent ? exponent - other.exponent : other.exponent - exponent
        guard gap <= SignedDecimal.maximumAlignment else { return nil }
        let (left, right) = SignedDecimal.aligned(self, other)
        let common = min(exponent, other.exponent)
        if isNegative == other.isNegative {
            return SignedDecimal(isNegative: isNegative, magnitude: left + right, exponent: common)
        }
        if let difference = left.subtracting(right) {
            return SignedDecimal(isNegative: isNegative, magnitude: difference, exponent: common)
        }
        return SignedDecimal(isNegative: other.isNegative, magnitude: right.subtracting(left) ?? .zero, exponent: common)
    }

    /// Rounds away from zero to at most `digits` places after the point (`inf.RoundUp`), and says
    /// whether that was exact. Never grows the number: dropping more digits than it has leaves 1 unit.
    func roundedAwayFromZero(toFractionDigits digits: Int64) -> (value: SignedDecimal, exact: Bool) {
        let target = -digits
        guard exponent < target, !magnitude.isZero else { return (self, true) }
        let dropped = target - exponent
        let bounds = magnitudeBounds
        if bounds.high <= target {
            // |self| < 10^target: only the rounding unit remains.
            return (SignedDecimal(isNegative: isNegative, magnitude: BigNatural(1), exponent: target), false)
        }
        var quotient = magnitude
        var exact = true
        var remaining = dropped
        while remaining > 0 {
            let step = min(remaining, 9)
            let divisor = UInt32(pow10(step))
            if quotient.divide(by: divisor) != 0 { exact = false }
            remaining -= step
        }
        if !exact { quotient = quotient + BigNatural(1) }
        return (SignedDecimal(isNegative: isNegative, magnitude: quotient, exponent: target), exact)
    }

    /// The value as an int64, if it is an integer that fits.
    var exactInt64: Int64? {
        let rounded = roundedAwayFromZero(toFractionDigits: 0)
        guard rounded.exact else { return nil }
        var whole = rounded.value
        if whole.exponent > 0 {
            guard whole.exponent <= 19 else { return whole.magnitude.isZero ? 0 : nil }
            whole = SignedDecimal(isNegative: whole.isNegative, magnitude: whole.magnitude.multiplied(byPowerOfTen: Int(whole.exponent)), exponent: 0)
        }
        guard let bits = whole.magnitude.uint64Value else { return nil }
        if whole.isNegative {
            guard bits <= UInt64(Int64.max) + 1 else { return nil }
            return bits == UInt64(Int64.max) + 1 ? Int64.min : -Int64(bits)
        }
        guard bits <= UInt64(Int64.max) else { return nil }
        return Int64(bits)
    }

    /// Moves trailing zero digits into the exponent, as `removeBigIntFactors` does.
    func strippingTrailingZeros() -> SignedDecimal {
        guard !magnitude.isZero else { return self }
        var result = self
        while result.magnitude.remainder(dividingBy: 10) == 0 {
            result.magnitude.divide(by: 10)
            result.exponent += 1
        }
        return result
    }

    var approximateDouble: Double {
        let base = magnitude.doubleValue * (isNegative ? -1 : 1)
        return exponent == 0 ? base : base * goPow10(exponent)
    }
}

func pow10(_ exponent: Int64) -> UInt64 {
    var result: UInt64 = 1
    for _ in 0..<max(0, min(exponent, 19)) { result &*= 10 }
    return result
}

/// Go's `math.Pow10`: 0 below 1e-323 and +Inf above 1e308; in between the correctly rounded power.
func goPow10(_ exponent: Int64) -> Double {
    if exponent < -323 { return 0 }
    if exponent > 308 { return .infinity }
    return Double("1e\(exponent)") ?? .nan
}
