/// Timestamp and duration accessors (`getFullYear`, `getHours`, ...), with optional time zones.
enum TimeFunctions {
    typealias Value = CEL.Value

    static func register(in env: inout CEL.Environment) {
        let timestampFields: [(String, @Sendable (CEL.Timestamp.Fields, CEL.Timestamp) -> Int64)] = [
            ("getFullYear", { f, _ in f.year }),
            ("getMonth", { f, _ in f.month - 1 }),
            ("getDate", { f, _ in f.day }),
            ("getDayOfMonth", { f, _ in f.day - 1 }),
            ("getDayOfYear", { f, _ in f.dayOfYear }),
            ("getDayOfWeek", { f, _ in f.dayOfWeek }),
            ("getHours", { f, _ in f.hour }),
            ("getMinutes", { f, _ in f.minute }),
            ("getSeconds", { f, _ in f.second }),
            ("getMilliseconds", { _, t in Int64(t.nanos) / 1_000_000 }),
        ]
        let durationFields: [String: @Sendable (CEL.Duration) -> Int64] = [
            "getHours": { $0.truncatedSeconds / 3600 },
            "getMinutes": { $0.truncatedSeconds / 60 },
            "getSeconds": { $0.truncatedSeconds },
            "getMilliseconds": { d in
                let nanos = d.seconds < 0 && d.nanos > 0 ? Int64(d.nanos) - 1_000_000_000 : Int64(d.nanos)
                return d.truncatedSeconds &* 1000 &+ nanos / 1_000_000
            },
        ]
        for (name, field) in timestampFields {
            var overloads: [CEL.Overload] = [
                .init("timestamp_\(name)", receiverStyle: true, parameters: [.timestamp], result: .int) { a in
                    guard case .timestamp(let t) = a[0] else { return .noSuchOverload(name, a) }
                    return .int(field(t.fields(offsetSeconds: 0), t))
                },
                .init("timestamp_\(name)_with_tz", receiverStyle: true, parameters: [.timestamp, .string], result: .int) { a in
                    guard case .timestamp(let t) = a[0], case .string(let zone) = a[1] else { return .noSuchOverload(name, a) }
                    guard let offset = t.offset(inTimeZone: zone) else { return .error("unknown time zone '\(zone)'") }
                    return .int(field(t.fields(offsetSeconds: offset), t))
                },
            ]
            if let durationField = durationFields[name] {
                overloads.append(.init("duration_\(name)", receiverStyle: true, parameters: [.duration], result: .int) { a in
                    guard case .duration(let d) = a[0] else { return .noSuchOverload(name, a) }
                    return .int(durationField(d))
                })
            }
            env.add(function: name, overloads)
        }
    }
}
