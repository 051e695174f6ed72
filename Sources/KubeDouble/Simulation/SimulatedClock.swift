import Foundation

/// The double's notion of now: wall time (or a frozen start) plus an offset that
/// `advanceTime(by:)` grows, so tests can skip scripted delays without sleeping.
struct SimulatedClock: Sendable {
    private let frozenAt: Date?
    private(set) var offset: TimeInterval = 0

    init(frozen: Bool) {
        frozenAt = frozen ? Date(timeIntervalSince1970: 1_767_225_600) : nil  // 2026-01-01T00:00:00Z
    }

    var now: Date { (frozenAt ?? Date()).addingTimeInterval(offset) }

    mutating func advance(by seconds: TimeInterval) { offset += max(0, seconds) }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))Z"
    }
}
