/// Arithmetic and conversions with `resource.Quantity` semantics: the int64 fast path is taken
/// whenever Kubernetes takes it (so `asInteger()` agrees with a cluster), the exact decimal otherwise.
extension KubernetesQuantity: Comparable {
    /// -1, 0 or 1 by numeric value, whatever the formats (`200M` equals `0.2G`).
    public func compare(to other: KubernetesQuantity) -> Int {
        SignedDecimal.compare(decimalValue, other.decimalValue)
    }

    public static func == (lhs: KubernetesQuantity, rhs: KubernetesQuantity) -> Bool {
        lhs.compare(to: rhs) == 0
    }

    public static func < (lhs: KubernetesQuantity, rhs: KubernetesQuantity) -> Bool {
        lhs.compare(to: rhs) < 0
    }

    /// The exact sum. A zero receiver takes the other operand's format, as in Kubernetes.
    public func adding(_ other: KubernetesQuantity) throws(KubernetesQuantityError) -> KubernetesQuantity {
        var result = self
        if case .scaled(let value, let scale) = storage, case .scaled(let otherValue, let otherScale) = other.storage {
            if value == 0 { result.format = other.format }
            if let sum = KubernetesQuantity.addScaled(value, scale, otherValue, otherScale) {
                result.storage = .scaled(value: sum.value, scale: sum.scale)
                return result
            }
        } else if isZero {
            result.format = other.format
        }
        guard let sum = decimalValue.adding(other.decimalValue) else { throw .tooLarge }
        result.storage = .decimal(sum)
        return result
    }

    public func adding(_ integer: Int64) throws(KubernetesQuantityError) -> KubernetesQuantity {
        try adding(KubernetesQuantity(integer: integer))
    }

    /// The exact difference. A zero receiver takes the other operand's format, as in Kubernetes.
    public func subtracting(_ other: KubernetesQuantity) throws(KubernetesQuantityError) -> KubernetesQuantity {
        var result = self
        if isZero { result.format = other.format }
        if case .scaled(let value, let scale) = storage, case .scaled(let otherValue, let otherScale) = other.storage,
           otherValue != .min,
           let difference = KubernetesQuantity.addScaled(value, scale, -otherValue, otherScale) {
            result.storage = .scaled(value: difference.value, scale: difference.scale)
            return result
        }
        guard let difference = decimalValue.adding(other.decimalValue.negated) else { throw .tooLarge }
        result.storage = .decimal(difference)
        return result
    }

    public func subtracting(_ integer: Int64) throws(KubernetesQuantityError) -> KubernetesQuantity {
        try subtracting(KubernetesQuantity(integer: integer))
    }

    /// `int64Amount.Add`: nil when the int64 form would overflow and the decimal form is needed.
    private static func addScaled(_ value: Int64, _ scale: Int32, _ otherValue: Int64, _ otherScale: Int32) -> (value: Int64, scale: Int32)? {
        if otherValue == 0 { return (value, scale) }
        if value == 0 { return (otherValue, otherScale) }
        var left = value, right = otherValue
        if scale > otherScale {
            guard let widened = scaledUp(value, by: Int64(scale) - Int64(otherScale)) else { return nil }
            left = widened
        } else if otherScale > scale {
            guard let widened = scaledUp(otherValue, by: Int64(otherScale) - Int64(scale)) else { return nil }
            right = widened
        }
        let (sum, overflow) = left.addingReportingOverflow(right)
        return overflow ? nil : (sum, min(scale, otherScale))
    }

    /// value × 10^count, or nil on int64 overflow.
    static func scaledUp(_ value: Int64, by count: Int64) -> Int64? {
        guard value != 0, count > 0 else { return value }
        guard count <= 18 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: Int64(pow10(count)))
        return overflow ? nil : product
    }

    /// The value as an int64 when Kubernetes' `AsInt64` gives one: only the int64 form at a
    /// non-negative scale qualifies, so `1000m` and the decimal form never do.
    public var exactInteger: Int64? {
        switch storage {
        case .scaled(let value, let scale):
            scale < 0 ? nil : KubernetesQuantity.scaledUp(value, by: Int64(scale))
        case .decimal:
            nil
        }
    }

    /// CEL's `isInteger()`.
    public var isInteger: Bool { exactInteger != nil }

    /// CEL's `asInteger()`.
    public func asInteger() throws(KubernetesQuantityError) -> Int64 {
        guard let value = exactInteger else { throw .notAnInteger }
        return value
    }

    /// CEL's `asApproximateFloat()`: may lose precision; ±Inf outside the double range.
    public var approximateDouble: Double {
        switch storage {
        case .scaled(let value, let scale):
            scale == 0 ? Double(value) : Double(value) * goPow10(Int64(scale))
        case .decimal(let decimal):
            decimal.approximateDouble
        }
    }
}
