/// Go's `time.ParseDuration`, as Flux and Kubernetes read `timeout` and `interval` fields.
enum GoDuration {
    private static let units: [(suffix: String, seconds: Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]

    /// Whole seconds, rounded up (a `500ms` timeout still allows one second); nil when it does not
    /// parse or is negative.
    static func seconds(_ text: String) -> Int? {
        var rest = Substring(text.trimmingSpaces)
        if rest == "0" { return 0 }
        if rest.hasPrefix("+") { rest.removeFirst() }
        guard !rest.isEmpty, !rest.hasPrefix("-") else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            // Longest suffix first: "ms" before "m", "ns"/"us" before "s".
            guard let unit = units.sorted(by: { $0.suffix.count > $1.suffix.count }).first(where: { rest.hasPrefix($0.suffix) }) else {
                return nil
            }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.seconds
        }
        guard total.isFinite, total < Double(Int32.max) else { return nil }
        return Int(total.rounded(.up))
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
