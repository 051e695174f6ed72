/// Go's `time.Time` just far enough for sops: the timestamps go-yaml v3 recognises, and the
/// RFC 3339 forms sops writes into the MAC and the MAC's additional data.
struct GoTime: Equatable {
    var year, month, day, hour, minute, second: Int
    var nanosecond: Int
    /// Seconds east of UTC.
    var offset: Int

    /// go-yaml v3's `parseTimestamp`: a plain scalar starting `YYYY-` that one of its four Go
    /// layouts accepts (`2006-1-2T15:4:5.999999999Z07:00`, the same with `t`,
    /// `2006-1-2 15:4:5.999999999`, `2006-1-2`).
    static func parseYAMLTimestamp(_ text: String) -> GoTime? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5, bytes[0..<4].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-") else { return nil }
        var scanner = Scanner(bytes: bytes, index: 5)
        guard let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
              let month = scanner.number(maxDigits: 2), scanner.take(UInt8(ascii: "-")),
              let day = scanner.number(maxDigits: 2) else { return nil }
        var time = GoTime(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, nanosecond: 0, offset: 0)
        if scanner.atEnd { return time.isValid ? time : nil }
        guard let separator = scanner.next() else { return nil }
        let zoned: Bool
        switch separator {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): zoned = true
        case UInt8(ascii: " "): zoned = false
        default: return nil
        }
        guard scanner.readClock(into: &time) else { return nil }
        if zoned {
            guard scanner.readZone(into: &time) else { return nil }
        }
        return scanner.atEnd && time.isValid ? time : nil
    }

    /// `time.Parse(time.RFC3339, text)`: two-digit fields, optional fraction, `Z` or `±hh:mm`.
    static func parseRFC3339(_ text: String) -> GoTime? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[0..<4].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return nil }
        var scanner = Scanner(bytes: bytes, index: 5)
        guard let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
              let month = scanner.number(exactDigits: 2), scanner.take(UInt8(ascii: "-")),
              let day = scanner.number(exactDigits: 2), scanner.take(bytes[10]) else { return nil }
        var time = GoTime(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, nanosecond: 0, offset: 0)
        guard scanner.readClock(into: &time, exact: true), scanner.readZone(into: &time), scanner.atEnd, time.isValid else { return nil }
        return time
    }

    /// `Format(time.RFC3339Nano)`: fraction without trailing zeros, `Z` for a zero offset.
    var rfc3339Nano: String { format(fraction: true) }

    /// `Format(time.RFC3339)`: whole seconds.
    var rfc3339: String { format(fraction: false) }

    private func format(fraction: Bool) -> String {
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if fraction, nanosecond > 0 {
            var digits = pad(nanosecond, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        if offset == 0 { return text + "Z" }
        let minutes = abs(offset) / 60
        return text + (offset < 0 ? "-" : "+") + pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private var isValid: Bool {
        guard (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private struct Scanner {
        let bytes: [UInt8]
        var index: Int

        var atEnd: Bool { index >= bytes.count }

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0, count = 0
            while count < maxDigits, index < bytes.count, GoTime.isDigit(bytes[index]) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
                count += 1
            }
            return count > 0 ? value : nil
        }

        mutating func number(exactDigits: Int) -> Int? {
            let start = index
            guard let value = number(maxDigits: exactDigits), index - start == exactDigits else { return nil }
            return value
        }

        mutating func readClock(into time: inout GoTime, exact: Bool = false) -> Bool {
            func field() -> Int? { exact ? number(exactDigits: 2) : number(maxDigits: 2) }
            guard let hour = field(), take(UInt8(ascii: ":")), let minute = field(),
                  take(UInt8(ascii: ":")), let second = field() else { return false }
            time.hour = hour
            time.minute = minute
            time.second = second
            if take(UInt8(ascii: ".")) {
                var nanos = 0, digits = 0
                while index < bytes.count, GoTime.isDigit(bytes[index]) {
                    if digits < 9 { nanos = nanos * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return false }
                for _ in digits..<max(digits, 9) { nanos *= 10 }
                time.nanosecond = nanos
            }
            return true
        }

        mutating func readZone(into time: inout GoTime) -> Bool {
            if take(UInt8(ascii: "Z")) {
                time.offset = 0
                return true
            }
            guard let sign = next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                  let hours = number(exactDigits: 2), take(UInt8(ascii: ":")), let minutes = number(exactDigits: 2),
                  hours < 24, minutes < 60 else { return false }
            time.offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
            return true
        }
    }
}
