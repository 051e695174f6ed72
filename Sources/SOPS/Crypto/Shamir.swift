/// Recombines a data key split across key groups with sops' Shamir scheme (from HashiCorp
/// Vault): each part is one y byte per secret byte followed by its x coordinate, over GF(2^8)
/// with the AES polynomial. Lagrange interpolation at x = 0 gives each secret byte.
enum Shamir {
    static func combine(_ parts: [[UInt8]]) -> [UInt8]? {
        guard parts.count >= 2, let length = parts.first?.count, length >= 2,
              parts.allSatisfy({ $0.count == length }) else { return nil }
        let xs = parts.map { $0[length - 1] }
        guard Set(xs).count == xs.count else { return nil }
        var secret = [UInt8](repeating: 0, count: length - 1)
        for byteIndex in 0..<(length - 1) {
            var value: UInt8 = 0
            for i in parts.indices {
                var basis: UInt8 = 1
                for j in parts.indices where j != i {
                    basis = multiply(basis, divide(xs[j], xs[i] ^ xs[j]))
                }
                value ^= multiply(parts[i][byteIndex], basis)
            }
            secret[byteIndex] = value
        }
        return secret
    }

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a, b = b, product: UInt8 = 0
        for _ in 0..<8 {
            // Branch-free conditional add and reduction keep timing independent of the bytes.
            product ^= a & (0 &- (b & 1))
            let carry = a >> 7
            a = (a << 1) ^ (0x1b & (0 &- carry))
            b >>= 1
        }
        return product
    }

    /// a / b; b is never zero here because x coordinates are distinct.
    static func divide(_ a: UInt8, _ b: UInt8) -> UInt8 {
        // b^254 = b^-1 in GF(2^8).
        var inverse: UInt8 = 1, base = b, exponent = 254
        while exponent > 0 {
            if exponent & 1 == 1 { inverse = multiply(inverse, base) }
            base = multiply(base, base)
            exponent >>= 1
        }
        return multiply(a, inverse)
    }
}
