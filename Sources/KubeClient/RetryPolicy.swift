import Foundation

/// When to try a request again: bounded exponential backoff with jitter for throttling (429),
/// server errors (500/502/503/504) and dropped or timed-out connections. A 429's `Retry-After`
/// is honoured (up to `maxRetryAfter`). Permanent answers, including the CRD-schema 500, stop at once.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// No retry starts once this many seconds have passed since the first attempt.
    public var maxTotalTime: Double
    public var maxRetryAfter: Double

    public init(maxAttempts: Int = 6, baseDelay: Double = 0.2, maxDelay: Double = 10, maxTotalTime: Double = 90,
                maxRetryAfter: Double = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalTime = maxTotalTime
        self.maxRetryAfter = maxRetryAfter
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// Whether an error is worth another attempt at all.
    public static func isRetryable(_ error: KubeError) -> Bool {
        switch error.kind {
        case .tooManyRequests: return true
        case .serverError: return [500, 502, 503, 504].contains(error.httpStatus ?? 0)
        case .transport: return [.connect, .timeout, .reset].contains(error.transport)
        default: return false
        }
    }

    /// Seconds to wait before attempt `attempt + 1`, or nil to give up.
    /// `jitter` is uniform in [0, 1); tests pass fixed values.
    public func delay(after error: KubeError, attempt: Int, elapsed: Double, retryAfter: Int?, jitter: Double) -> Double? {
        guard attempt < maxAttempts, Self.isRetryable(error) else { return nil }
        let wait: Double
        if let retryAfter, error.kind == .tooManyRequests || error.httpStatus == 503 {
            wait = min(Double(retryAfter), maxRetryAfter)
        } else {
            // "Equal jitter": half fixed, half random, so parallel clients spread out but still back off.
            let exponential = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
            wait = exponential / 2 + exponential / 2 * min(max(jitter, 0), 1)
        }
        guard elapsed + wait <= maxTotalTime else { return nil }
        return wait
    }
}

/// Time and randomness for retries and polling, replaceable in tests.
public struct RetryClock: Sendable {
    public var now: @Sendable () -> Double
    public var sleep: @Sendable (Double) -> Void
    public var random: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double, sleep: @escaping @Sendable (Double) -> Void,
                random: @escaping @Sendable () -> Double) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    public static let system = RetryClock(
        now: { Date().timeIntervalSinceReferenceDate },
        sleep: { seconds in if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } },
        random: { Double.random(in: 0..<1) })
}
