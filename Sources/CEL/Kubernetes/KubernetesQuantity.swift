/// A Kubernetes resource quantity (`resource.Quantity`): `500m`, `1.5Gi`, `2e3`.
///
/// Values are exact. Like Kubernetes, a quantity is held either as an int64 scaled by a power of
/// ten (the common case) or as an arbitrary-precision decimal, and the choice is observable:
/// `asInteger()` only succeeds on the int64 form, exactly as `Quantity.AsInt64` does
/// (so `quantity('1000m').isInteger()` is false, as in a cluster).
public struct KubernetesQuantity: Sendable {
    /// How the quantity was written; the canonical string keeps the same family of suffixes.
    public enum Format: String, Sendable {
        /// `12e6`
        case decimalExponent
        /// `12Mi` (powers of 1024)
        case binarySI
        /// `12M` (powers of 1000)
        case decimalSI
    }

    enum Storage: Sendable {
        /// value × 10^scale
        case scaled(value: Int64, scale: Int32)
        case decimal(SignedDecimal)
    }

    var storage: Storage
    public var format: Format

    init(storage: Storage, format: Format) {
        self.storage = storage
        self.format = format
    }

    /// An integer quantity, as the CEL library builds for `add(int)` / `sub(int)`.
    public init(integer: Int64, format: Format = .decimalExponent) {
        self.init(storage: .scaled(value: integer, scale: 0), format: format)
    }

    /// The value as an exact decimal, whatever the storage.
    var decimalValue: SignedDecimal {
        switch storage {
        case .scaled(let value, let scale): SignedDecimal(value, exponent: Int64(scale))
        case .decimal(let decimal): decimal
        }
    }

    /// 1, 0 or -1.
    public var sign: Int {
        switch storage {
        case .scaled(let value, _): Int(value.signum())
        case .decimal(let decimal): decimal.sign
        }
    }

    public var isZero: Bool { sign == 0 }
}

/// Why a quantity could not be parsed or converted; messages follow Kubernetes' wording.
public enum KubernetesQuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text does not have the shape `<number><suffix>`.
    case formatWrong
    /// The number part could not be read.
    case numeric
    /// The suffix is not a known unit or exponent.
    case suffix
    /// `asInteger()` on a fraction or a value outside int64.
    case notAnInteger
    /// Arithmetic would have to write out more digits than we allow (Kubernetes would try, and hang).
    case tooLarge

    public var description: String {
        switch self {
        case .formatWrong: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .numeric: "unable to parse numeric part of quantity"
        case .suffix: "unable to parse quantity's suffix"
        case .notAnInteger: "cannot convert value to integer"
        case .tooLarge: "quantity is too large to compute exactly"
        }
    }
}
