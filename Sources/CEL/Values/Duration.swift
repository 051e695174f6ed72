extension CEL {
    /// A signed span of time with nanosecond precision. The range is that of 64-bit
    /// nanoseconds (about ±292 years), as cel-go and the conformance suite use.
    public struct Duration: Sendable, Hashable, Comparable {
        /// Whole seconds, rounded towards negative infinity.
        public private(set) var seconds: Int64
        /// Always in `0..<1_000_000_000`.
        public private(set) var nanos: Int32

        public static let zero = Duration(normalizedSeconds: 0, nanos: 0)

        private init(normalizedSeconds: Int64, nanos: Int32) {
            self.seconds = normalizedSeconds
            self.nanos = nanos
        }

        /// Fails when the span lies outside the supported range.
        public init?(seconds: Int64, nanos: Int64 = 0) {
            let (carry, remainder) = Self.floorDivide(nanos, 1_000_000_000)
            let (total, overflow) = seconds.addingReportingOverflow(carry)
            guard !overflow else { return nil }
            self.seconds = total
            self.nanos = Int32(remainder)
            guard Self.isInRange(self) else { return nil }
        }

        static func isInRange(_ d: Duration) -> Bool {
            d.totalNanoseconds != nil
        }

        static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
            var q = a / b
            var r = a % b
            if r < 0 {
                q -= 1
                r += b
            }
            return (q, r)
        }

        public static func < (a: Duration, b: Duration) -> Bool {
            (a.seconds, a.nanos) < (b.seconds, b.nanos)
        }

        func adding(_ other: Duration) -> Duration? {
            Duration(seconds: seconds &+ other.seconds, nanos: Int64(nanos) + Int64(other.nanos))
        }

        var negated: Duration? {
            Duration(seconds: -seconds, nanos: -Int64(nanos))
        }

        /// Total nanoseconds when that fits in 64 bits.
        var totalNanoseconds: Int64? {
            let (scaled, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            let (total, o2) = scaled.addingReportingOverflow(Int64(nanos))
            return o1 || o2 ? nil : total
        }

        /// Seconds truncated towards zero, as `getSeconds()` and `int()` report them.
        var truncatedSeconds: Int64 {
            seconds < 0 && nanos > 0 ? seconds + 1 : seconds
        }

        /// Parses Go-style duration text: `1h30m`, `-1.5s`, `300ms`, `1us`, `2ns`.
        public init?(parsing text: String) {
            var scalars = Substring(text).unicodeScalars[...]
            var negative = false
            if let first = scalars.first, first == "-" || first == "+" {
                negative = first == "-"
                scalars = scalars.dropFirst()
            }
            if String(scalars) == "0" {
                self = .zero
                return
            }
            guard !scalars.isEmpty else { return nil }
            // Accumulate in (seconds, nanos) to keep full precision across units.
            var totalSeconds: Int64 = 0
            var totalNanos: Int64 = 0
            while !scalars.isEmpty {
                var whole = ""
                while let c = scalars.first, c.isASCIIDigit {
                    whole.unicodeScalars.append(c)
                    scalars = scalars.dropFirst()
                }
                var fraction = ""
                if scalars.first == "." {
                    scalars = scalars.dropFirst()
                    while let c = scalars.first, c.isASCIIDigit {
                        fraction.unicodeScalars.append(c)
                        scalars = scalars.dropFirst()
                    }
                }
                guard !whole.isEmpty || !fraction.isEmpty else { return nil }
                var unit = ""
                while let c = scalars.first, !c.isASCIIDigit, c != "." {
                    unit.unicodeScalars.append(c)
                    scalars = scalars.dropFirst()
                }
                let nanosPerUnit: Int64
                switch unit {
                case "ns": nanosPerUnit = 1
                case "us", "µs", "μs": nanosPerUnit = 1_000
                case "ms": nanosPerUnit = 1_000_000
                case "s": nanosPerUnit = 1_000_000_000
                case "m": nanosPerUnit = 60_000_000_000
                case "h": nanosPerUnit = 3_600_000_000_000
                default: return nil
                }
                guard whole.count <= 18, let wholeValue = Int64(whole.isEmpty ? "0" : whole) else { return nil }
                // whole * unit, split into seconds and nanos without overflow.
                let unitSeconds = nanosPerUnit / 1_000_000_000
                let unitNanos = nanosPerUnit % 1_000_000_000
                let (s1, o1) = wholeValue.multipliedReportingOverflow(by: unitSeconds)
                let (n1, o2) = wholeValue.multipliedReportingOverflow(by: unitNanos)
                guard !o1, !o2 else { return nil }
                totalSeconds = totalSeconds &+ s1 &+ n1 / 1_000_000_000
                totalNanos += n1 % 1_000_000_000
                // Fractional part: digits scaled by the unit, truncated past nanoseconds.
                var scale = nanosPerUnit
                for digit in fraction.unicodeScalars.prefix(18) {
                    scale /= 10
                    guard scale > 0 else { break }
                    let amount = Int64(digit.value - 48) * scale
                    totalSeconds += amount / 1_000_000_000
                    totalNanos += amount % 1_000_000_000
                }
                guard totalSeconds.magnitude < UInt64(Int64.max / 4) else { return nil }
            }
            if negative {
                totalSeconds = -totalSeconds
                totalNanos = -totalNanos
            }
            guard let d = Duration(seconds: totalSeconds, nanos: totalNanos) else { return nil }
            self = d
        }

        /// Text in seconds with the shortest fraction, as CEL's `string(duration)` prints it.
        public var text: String {
            var s = truncatedSeconds
            var n = Int64(nanos)
            if seconds < 0 && nanos > 0 { n = 1_000_000_000 - n }
            let negative = seconds < 0
            if negative { s = -s }
            var result = negative ? "-" : ""
            result += String(s.magnitude)
            if n > 0 {
                var fraction = String(n)
                fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
                while fraction.hasSuffix("0") { fraction.removeLast() }
                result += "." + fraction
            }
            return result + "s"
        }
    }
}
