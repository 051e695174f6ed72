/// The outcome of verifying one file with a key. Reasons name paths and causes, never values.
public struct SOPSVerification: Sendable {
    public enum DecryptVerdict: Sendable, Equatable {
        case ok
        case error(String)
        /// None of the given identities can recover the data key: not broken, just not ours.
        case notVerifiable(String)

        /// `ok`, `error` or `not-verifiable`.
        public var name: String {
            switch self {
            case .ok: "ok"
            case .error: "error"
            case .notVerifiable: "not-verifiable"
            }
        }
    }

    public enum MACVerdict: Sendable, Equatable {
        case ok
        case mismatch(String)
        case missing

        /// `ok`, `mismatch` or `missing`.
        public var name: String {
            switch self {
            case .ok: "ok"
            case .mismatch: "mismatch"
            case .missing: "missing"
            }
        }
    }

    public let path: String
    public let decrypt: DecryptVerdict
    /// nil unless every value decrypted.
    public let mac: MACVerdict?
    /// Per-value problems found while verifying (values that do not decrypt, Secret data that is
    /// not base64, comments that do not decrypt).
    public let findings: [SOPSFinding]

    /// True when the file decrypts, its MAC verifies and nothing above info was found.
    public var isClean: Bool {
        decrypt == .ok && mac == .ok && !findings.contains { $0.severity > .info }
    }
}
