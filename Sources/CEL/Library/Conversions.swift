import Foundation

/// Type conversions: `int()`, `uint()`, `double()`, `string()`, `bytes()`, `bool()`,
/// `duration()`, `timestamp()`, with CEL's range checks.
enum Conversions {
    typealias Value = CEL.Value

    static func register(in env: inout CEL.Environment) {
        env.add(function: "int", [
            .init("int64_to_int64", parameters: [.int], result: .int) { $0[0] },
            .init("uint64_to_int64", parameters: [.uint], result: .int) { a in
                guard case .uint(let u) = a[0], let i = Int64(exactly: u) else { return .error("int range error") }
                return .int(i)
            },
            .init("double_to_int64", parameters: [.double], result: .int) { a in
                guard case .double(let d) = a[0], d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                    return .error("int range error")
                }
                return .int(Int64(d.rounded(.towardZero)))
            },
            .init("string_to_int64", parameters: [.string], result: .int) { a in
                guard case .string(let s) = a[0], let i = Int64(s) else { return .error("int conversion error") }
                return .int(i)
            },
            .init("timestamp_to_int64", parameters: [.timestamp], result: .int) { a in
                guard case .timestamp(let t) = a[0] else { return .noSuchOverload("int", a) }
                return .int(t.seconds)
            },
        ])
        env.add(function: "uint", [
            .init("uint64_to_uint64", parameters: [.uint], result: .uint) { $0[0] },
            .init("int64_to_uint64", parameters: [.int], result: .uint) { a in
                guard case .int(let i) = a[0], let u = UInt64(exactly: i) else { return .error("uint range error") }
                return .uint(u)
            },
            .init("double_to_uint64", parameters: [.double], result: .uint) { a in
                guard case .double(let d) = a[0], d.isFinite, d > -1, d < 1.8446744073709551616e19 else {
                    return .error("uint range error")
                }
                return .uint(UInt64(d.rounded(.towardZero)))
            },
            .init("string_to_uint64", parameters: [.string], result: .uint) { a in
                guard case .string(let s) = a[0], let u = UInt64(s) else { return .error("uint conversion error") }
                return .uint(u)
            },
        ])
        env.add(function: "double", [
            .init("double_to_double", parameters: [.double], result: .double) { $0[0] },
            .init("int64_to_double", parameters: [.int], result: .double) { a in
                guard case .int(let i) = a[0] else { return .noSuchOverload("double", a) }
                return .double(Double(i))
            },
            .init("uint64_to_double", parameters: [.uint], result: .double) { a in
                guard case .uint(let u) = a[0] else { return .noSuchOverload("double", a) }
                return .double(Double(u))
            },
            .init("string_to_double", parameters: [.string], result: .double) { a in
                guard case .string(let s) = a[0], let d = parseDouble(s) else { return .error("double conversion error") }
                return .double(d)
            },
        ])
        env.add(function: "string", [
            .init("string_to_string", parameters: [.string], result: .string) { $0[0] },
            .init("int64_to_string", parameters: [.int], result: .string) { a in
                guard case .int(let i) = a[0] else { return .noSuchOverload("string", a) }
                return .string(String(i))
            },
            .init("uint64_to_string", parameters: [.uint], result: .string) { a in
                guard case .uint(let u) = a[0] else { return .noSuchOverload("string", a) }
                return .string(String(u))
            },
            .init("double_to_string", parameters: [.double], result: .string) { a in
                guard case .double(let d) = a[0] else { return .noSuchOverload("string", a) }
                return .string(formatDouble(d))
            },
            .init("bool_to_string", parameters: [.bool], result: .string) { a in
                guard case .bool(let b) = a[0] else { return .noSuchOverload("string", a) }
                return .string(b ? "true" : "false")
            },
            .init("bytes_to_string", parameters: [.bytes], result: .string) { a in
                guard case .bytes(let b) = a[0], let s = String(validating: b, as: UTF8.self) else {
                    return .error("invalid UTF-8 in bytes to string conversion")
                }
                return .string(s)
            },
            .init("timestamp_to_string", parameters: [.timestamp], result: .string) { a in
                guard case .timestamp(let t) = a[0] else { return .noSuchOverload("string", a) }
                return .string(t.text)
            },
            .init("duration_to_string", parameters: [.duration], result: .string) { a in
                guard case .duration(let d) = a[0] else { return .noSuchOverload("string", a) }
                return .string(d.text)
            },
            .init("opaque_to_string", parameters: [.parameter("A")], result: .string, typeParameters: ["A"]) { a in
                guard case .opaque(let o) = a[0] else { return .noSuchOverload("string", a) }
                return .string(o.description)
            },
        ])
        env.add(function: "bytes", [
            .init("bytes_to_bytes", parameters: [.bytes], result: .bytes) { $0[0] },
            .init("string_to_bytes", parameters: [.string], result: .bytes) { a in
                guard case .string(let s) = a[0] else { return .noSuchOverload("bytes", a) }
                return .bytes(Array(s.utf8))
            },
        ])
        env.add(function: "bool", [
            .init("bool_to_bool", parameters: [.bool], result: .bool) { $0[0] },
            .init("string_to_bool", parameters: [.string], result: .bool) { a in
                guard case .string(let s) = a[0] else { return .noSuchOverload("bool", a) }
                switch s {
                case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
                case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
                default: return .error("Type conversion error: cannot convert '\(s)' to bool")
                }
            },
        ])
        env.add(function: "duration", [
            .init("duration_to_duration", parameters: [.duration], result: .duration) { $0[0] },
            .init("string_to_duration", parameters: [.string], result: .duration) { a in
                guard case .string(let s) = a[0], let d = CEL.Duration(parsing: s) else { return .error("invalid duration or duration out of range") }
                return .duration(d)
            },
        ])
        env.add(function: "timestamp", [
            .init("timestamp_to_timestamp", parameters: [.timestamp], result: .timestamp) { $0[0] },
            .init("string_to_timestamp", parameters: [.string], result: .timestamp) { a in
                guard case .string(let s) = a[0], let t = CEL.Timestamp(parsing: s) else { return .error("invalid timestamp or timestamp out of range") }
                return .timestamp(t)
            },
            .init("int64_to_timestamp", parameters: [.int], result: .timestamp) { a in
                guard case .int(let i) = a[0], let t = CEL.Timestamp(seconds: i) else { return .error("timestamp out of range") }
                return .timestamp(t)
            },
        ])
    }

    /// Decimal or exponent text, plus the spellings of infinity and NaN Go accepts.
    static func parseDouble(_ text: String) -> Double? {
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.isASCIIDigit || "+-.eE".unicodeScalars.contains($0) }) else { return nil }
        return Double(text)
    }

    /// Shortest round-tripping digits, in exponent form only for magnitudes below 1e-4 or from
    /// 1e21 up, so that `string(100.0)` is `100` and `string(-4.5e-3)` is `-0.0045`.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (digits, pointPosition) = shortestDigits(d.magnitude)
        let sign = d < 0 ? "-" : ""
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 21 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = abs(exponent)
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// Shortest decimal digits of a positive finite double and the position of the decimal
    /// point relative to them (`123.4` -> ("1234", 3)).
    static func shortestDigits(_ d: Double) -> (String, Int) {
        let text = "\(d)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var point = 0
        var seenPoint = false
        for c in mantissa {
            if c == "." {
                seenPoint = true
            } else {
                digits.append(c)
                if !seenPoint { point += 1 }
            }
        }
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (digits, point + exponent)
    }
}
