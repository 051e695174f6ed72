/// An arbitrary-size natural number, just large enough in scope for exact quantity arithmetic:
/// Kubernetes keeps quantities beyond int64 in `inf.Dec`, so sums of huge requests must not wrap.
/// Limbs are little-endian base 2^32 with no high zero limbs, so equal values compare equal.
struct BigNatural: Sendable, Hashable {
    private(set) var limbs: [UInt32]

    static let zero = BigNatural(limbs: [])

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        normalize()
    }

    init(_ value: UInt64) {
        self.init(limbs: [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)])
    }

    /// Parses ASCII decimal digits; nil for anything else or an empty string.
    init?(decimalDigits: Substring) {
        guard !decimalDigits.isEmpty else { return nil }
        var result = BigNatural.zero
        var chunk: UInt32 = 0
        var chunkLength = 0
        // Nine digits at a time keeps the work near n²/81 limb steps instead of n².
        for byte in decimalDigits.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            chunk = chunk * 10 + UInt32(byte - 0x30)
            chunkLength += 1
            if chunkLength == 9 {
                result.multiply(by: 1_000_000_000, adding: chunk)
                chunk = 0
                chunkLength = 0
            }
        }
        if chunkLength > 0 {
            result.multiply(by: BigNatural.powersOfTen[chunkLength], adding: chunk)
        }
        self = result
    }

    private static let powersOfTen: [UInt32] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    var isZero: Bool { limbs.isEmpty }

    /// Number of significant bits (0 for zero).
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 32 - top.leadingZeroBitCount
    }

    var uint64Value: UInt64? {
        switch limbs.count {
        case 0: return 0
        case 1: return UInt64(limbs[0])
        case 2: return UInt64(limbs[0]) | UInt64(limbs[1]) << 32
        default: return nil
        }
    }

    var doubleValue: Double {
        var result = 0.0
        for limb in limbs.reversed() {
            result = result * 4_294_967_296.0 + Double(limb)
        }
        return result
    }

    private mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    mutating func multiply(by factor: UInt32, adding addend: UInt32 = 0) {
        var carry = UInt64(addend)
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    /// Multiplies by 10^count; callers bound `count` so this cannot be asked to build a huge number.
    func multiplied(byPowerOfTen count: Int) -> BigNatural {
        var result = self
        guard !result.isZero else { return result }
        var remaining = count
        while remaining >= 9 {
            result.multiply(by: 1_000_000_000)
            remaining -= 9
        }
        if remaining > 0 { result.multiply(by: BigNatural.powersOfTen[remaining]) }
        return result
    }

    func multiplied(byPowerOfTwo count: Int) -> BigNatural {
        var result = self
        var remaining = count
        while remaining >= 31 {
            result.multiply(by: 1 << 31)
            remaining -= 31
        }
        if remaining > 0 { result.multiply(by: 1 << UInt32(remaining)) }
        return result
    }

    /// Divides in place and returns the remainder; a zero divisor leaves the value unchanged.
    @discardableResult
    mutating func divide(by divisor: UInt32) -> UInt32 {
        guard divisor != 0 else { return 0 }
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        normalize()
        return UInt32(remainder)
    }

    func remainder(dividingBy divisor: UInt32) -> UInt32 {
        var copy = self
        return copy.divide(by: divisor)
    }

    static func + (lhs: BigNatural, rhs: BigNatural) -> BigNatural {
        var result: [UInt32] = []
        result.reserveCapacity(max(lhs.limbs.count, rhs.limbs.count) + 1)
        var carry: UInt64 = 0
        for index in 0..<max(lhs.limbs.count, rhs.limbs.count) {
            let left = index < lhs.limbs.count ? UInt64(lhs.limbs[index]) : 0
            let right = index < rhs.limbs.count ? UInt64(rhs.limbs[index]) : 0
            let sum = left + right + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry != 0 { result.append(UInt32(carry)) }
        return BigNatural(limbs: result)
    }

    /// The difference, or nil when `rhs` is larger (naturals have no negatives).
    func subtracting(_ rhs: BigNatural) -> BigNatural? {
        guard rhs <= self else { return nil }
        var result = limbs
        var borrow: Int64 = 0
        for index in result.indices {
            let right = index < rhs.limbs.count ? Int64(rhs.limbs[index]) : 0
            var difference = Int64(result[index]) - right - borrow
            borrow = 0
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            }
            result[index] = UInt32(difference)
        }
        return BigNatural(limbs: result)
    }

    var decimalString: String {
        guard !isZero else { return "0" }
        var chunks: [UInt32] = []
        var rest = self
        while !rest.isZero {
            chunks.append(rest.divide(by: 1_000_000_000))
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }
}

extension BigNatural: Comparable {
    static func < (lhs: BigNatural, rhs: BigNatural) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}
