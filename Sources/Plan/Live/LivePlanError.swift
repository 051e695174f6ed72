import Foundation
import KubeClient

/// Planning against a cluster failed: which object (or step) and the API server's answer, with
/// its Status reason. When the object is a Secret, any of its values the server echoed back
/// (validation messages quote values) is masked before the error is kept.
public struct LivePlanError: Error, Sendable, CustomStringConvertible {
    /// `Deployment apps/web`, or the step (`discovery`, `ApplySet inventory`).
    public var subject: String
    public var error: KubeError

    public init(subject: String, error: KubeError) {
        self.subject = subject
        self.error = error
    }

    init(subject: String, error: KubeError, secret manifest: PlanJSON?) {
        self.subject = subject
        self.error = manifest.map { SecretScrubbing.scrub(error, values: SecretScrubbing.values(of: $0)) } ?? error
    }

    /// The Status reason (`InternalError`, `Forbidden`…), or the error's kind without a Status.
    public var reason: String {
        if let reason = error.status?.reason, !reason.isEmpty { return reason }
        return error.kind.rawValue
    }

    public var description: String { "\(subject): \(error.description)" }
}

/// Removes Secret values from server messages.
enum SecretScrubbing {
    /// Every `data` and `stringData` value of a Secret manifest, as written and (for `data`)
    /// base64-decoded. Values shorter than 4 characters are left out: masking them would mangle
    /// ordinary words of the message while hiding next to nothing.
    static func values(of manifest: PlanJSON) -> [String] {
        guard SecretMasking.isSecret(manifest) else { return [] }
        var values: [String] = []
        for field in ["data", "stringData"] {
            for (_, value) in manifest[field]?.objectValue ?? [:] {
                guard let text = value.stringValue else { continue }
                values.append(text)
                if field == "data", let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) {
                    values.append(decoded)
                }
            }
        }
        // Longest first, so a value containing another is masked whole.
        return Set(values.filter { $0.count >= 4 }).sorted { ($0.count, $0) > ($1.count, $1) }
    }

    static func scrub(_ error: KubeError, values: [String]) -> KubeError {
        guard !values.isEmpty else { return error }
        var error = error
        error.message = scrub(error.message, values: values)
        if var status = error.status {
            status.message = scrub(status.message, values: values)
            status.causes = status.causes.map { cause in
                var cause = cause
                cause.message = scrub(cause.message, values: values)
                return cause
            }
            error.status = status
        }
        return error
    }

    static func scrub(_ text: String, values: [String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: $1, with: SecretMasking.masked) }
    }
}
