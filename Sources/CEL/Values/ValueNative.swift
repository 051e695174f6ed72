import Foundation

/// Data that can present itself as a CEL value; the rendering layer's YAML nodes adopt this
/// so objects reach CEL without the CEL module depending on them.
public protocol CELValueConvertible {
    var celValue: CEL.Value { get }
}

extension CEL.Value {
    /// Converts plain Swift data (`[String: Any]`, arrays, strings, numbers, booleans, `nil`/
    /// `NSNull`, `Date`, `Data`) as decoded from JSON or YAML. Integers become `int`, other
    /// numbers `double`; anything unconvertible becomes an error value.
    public init(native: Any?) {
        self = Self.convert(native, depth: 0)
    }

    private static func convert(_ native: Any?, depth: Int) -> CEL.Value {
        guard depth < maximumDataDepth else { return .error("value nested too deeply") }
        guard let native else { return .null }
        if Swift.type(of: native) is NSNumber.Type, let number = native as? NSNumber {
            return convert(number)
        }
        switch native {
        case let v as CEL.Value: return v
        case let v as CELValueConvertible: return v.celValue
        case is NSNull: return .null
        case let s as String: return .string(s)
        case let s as Substring: return .string(String(s))
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(Int64(i))
        case let i as Int64: return .int(i)
        case let i as Int32: return .int(Int64(i))
        case let u as UInt64: return .uint(u)
        case let u as UInt: return .uint(UInt64(u))
        case let d as Double: return .double(d)
        case let f as Float: return .double(Double(f))
        case let data as Data: return .bytes(Array(data))
        case let bytes as [UInt8]: return .bytes(bytes)
        case let date as Date:
            let seconds = date.timeIntervalSince1970.rounded(.down)
            let nanos = ((date.timeIntervalSince1970 - seconds) * 1e9).rounded()
            guard let s = Int64(exactly: seconds), let t = CEL.Timestamp(seconds: s, nanos: Int64(nanos)) else {
                return .error("timestamp out of range")
            }
            return .timestamp(t)
        case let dictionary as [String: Any]:
            var map = CEL.MapValue()
            for key in dictionary.keys.sorted() {
                map.set(convert(dictionary[key], depth: depth + 1), forKey: .string(key))
            }
            return .map(map)
        case let dictionary as [AnyHashable: Any]:
            var map = CEL.MapValue()
            for (key, value) in dictionary {
                map.set(convert(value, depth: depth + 1), forKey: convert(key.base, depth: depth + 1))
            }
            return .map(map)
        case let array as [Any?]:
            return .list(array.map { convert($0, depth: depth + 1) })
        case let array as [Any]:
            return .list(array.map { convert($0, depth: depth + 1) })
        default:
            return .error("unsupported native value of type \(Swift.type(of: native))")
        }
    }
}

extension CEL.Value {
    /// Foundation numbers (from `JSONSerialization`) carry their kind in `objCType`.
    private static func convert(_ number: NSNumber) -> CEL.Value {
        switch String(cString: number.objCType) {
        case "c", "B": return .bool(number.boolValue)
        case "f", "d": return .double(number.doubleValue)
        case "Q", "L", "I", "S", "C":
            let u = number.uint64Value
            return u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        default: return .int(number.int64Value)
        }
    }
}
