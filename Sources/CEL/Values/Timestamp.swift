import Foundation

extension CEL {
    /// An instant with nanosecond precision between years 1 and 9999 (UTC), like
    /// `google.protobuf.Timestamp`.
    public struct Timestamp: Sendable, Hashable, Comparable {
        public private(set) var seconds: Int64
        /// Always in `0..<1_000_000_000`.
        public private(set) var nanos: Int32

        static let minimumSeconds: Int64 = -62_135_596_800
        static let maximumSeconds: Int64 = 253_402_300_799

        public init?(seconds: Int64, nanos: Int64 = 0) {
            let (carry, remainder) = Duration.floorDivide(nanos, 1_000_000_000)
            let (total, overflow) = seconds.addingReportingOverflow(carry)
            guard !overflow, total >= Self.minimumSeconds, total <= Self.maximumSeconds else { return nil }
            self.seconds = total
            self.nanos = Int32(remainder)
        }

        public static func < (a: Timestamp, b: Timestamp) -> Bool {
            (a.seconds, a.nanos) < (b.seconds, b.nanos)
        }

        func adding(_ d: Duration) -> Timestamp? {
            let (s, overflow) = seconds.addingReportingOverflow(d.seconds)
            guard !overflow else { return nil }
            return Timestamp(seconds: s, nanos: Int64(nanos) + Int64(d.nanos))
        }

        func subtracting(_ other: Timestamp) -> Duration? {
            Duration(seconds: seconds - other.seconds, nanos: Int64(nanos) - Int64(other.nanos))
        }

        // MARK: Calendar

        /// Proleptic Gregorian date of a day count since 1970-01-01.
        static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
            let shifted = days + 719_468
            let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }

        /// Day count since 1970-01-01 of a proleptic Gregorian date.
        static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        static func isLeap(_ year: Int64) -> Bool {
            year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        }

        /// Broken-down local time at a UTC offset.
        struct Fields {
            var year, month, day, hour, minute, second, dayOfYear, dayOfWeek: Int64
        }

        func fields(offsetSeconds: Int64) -> Fields {
            let local = seconds + offsetSeconds
            let (days, secondOfDay) = Duration.floorDivide(local, 86_400)
            let date = Self.civilDate(daysSinceEpoch: days)
            let startOfYear = Self.daysSinceEpoch(year: date.year, month: 1, day: 1)
            let (_, weekday) = Duration.floorDivide(days + 4, 7)
            return Fields(year: date.year, month: date.month, day: date.day,
                          hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
                          dayOfYear: days - startOfYear, dayOfWeek: weekday)
        }

        // MARK: Text

        /// RFC 3339 text in UTC with the fraction trimmed, as `string(timestamp)` prints it.
        public var text: String {
            let f = fields(offsetSeconds: 0)
            func pad(_ v: Int64, _ width: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            var result = "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))"
            if nanos > 0 {
                var fraction = pad(Int64(nanos), 9)
                while fraction.hasSuffix("0") { fraction.removeLast() }
                result += "." + fraction
            }
            return result + "Z"
        }

        /// Parses RFC 3339 (`2009-02-13T23:31:30.5Z`, `...+01:00`).
        public init?(parsing text: String) {
            let s = Array(text.utf8)
            var i = 0
            func number(_ width: Int) -> Int64? {
                guard i + width <= s.count else { return nil }
                var v: Int64 = 0
                for k in i..<(i + width) {
                    guard s[k] >= 48 && s[k] <= 57 else { return nil }
                    v = v * 10 + Int64(s[k] - 48)
                }
                i += width
                return v
            }
            func literal(_ c: UInt8...) -> Bool {
                guard i < s.count, c.contains(s[i]) else { return false }
                i += 1
                return true
            }
            guard let year = number(4), literal(45), let month = number(2), literal(45), let day = number(2),
                  literal(84, 116), let hour = number(2), literal(58), let minute = number(2), literal(58),
                  let second = number(2) else { return nil }
            var nanos: Int64 = 0
            if literal(46) {
                var digits = 0
                while i < s.count, s[i] >= 48 && s[i] <= 57 {
                    if digits < 9 { nanos = nanos * 10 + Int64(s[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 9) { nanos *= 10 }
            }
            var offset: Int64 = 0
            if literal(90, 122) {
                offset = 0
            } else if i < s.count, s[i] == 43 || s[i] == 45 {
                let sign: Int64 = s[i] == 45 ? -1 : 1
                i += 1
                guard let oh = number(2), literal(58), let om = number(2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
            guard i == s.count, (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
            let monthLengths: [Int64] = [31, Self.isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard day >= 1, day <= monthLengths[Int(month - 1)] else { return nil }
            let days = Self.daysSinceEpoch(year: year, month: month, day: day)
            guard let t = Timestamp(seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos: nanos) else { return nil }
            self = t
        }

        /// UTC offset in seconds of a time zone given as an IANA name (`America/New_York`),
        /// `UTC`, or a fixed offset (`+05:30`, `-00:00`, `02:00`), at this instant.
        func offset(inTimeZone zone: String) -> Int64? {
            let s = Array(zone.utf8)
            var digits = s[...]
            var sign: Int64 = 1
            if let first = digits.first, first == 43 || first == 45 {
                sign = first == 45 ? -1 : 1
                digits = digits.dropFirst()
            }
            if digits.count == 5, digits[digits.startIndex + 2] == 58,
               let h = Int64(String(decoding: digits.prefix(2), as: UTF8.self)),
               let m = Int64(String(decoding: digits.suffix(2), as: UTF8.self)) {
                return sign * (h * 3600 + m * 60)
            }
            guard let tz = TimeZone(identifier: zone) else { return nil }
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            return Int64(tz.secondsFromGMT(for: date))
        }
    }
}
