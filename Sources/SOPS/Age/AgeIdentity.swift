import Crypto
import Foundation

/// An age X25519 identity (`AGE-SECRET-KEY-1…`). Its description names only the public
/// recipient, so an identity can be logged without leaking the key.
public struct AgeIdentity: Sendable, CustomStringConvertible, CustomReflectable {
    let privateKey: Curve25519.KeyAgreement.PrivateKey
    /// The matching recipient, `age1…`.
    public let recipient: String

    public var description: String { "age identity for \(recipient)" }
    public var customMirror: Mirror { Mirror(self, children: ["recipient": recipient]) }

    init(privateKey: Curve25519.KeyAgreement.PrivateKey) {
        self.privateKey = privateKey
        recipient = Bech32.encode(hrp: "age", data: Array(privateKey.publicKey.rawRepresentation))
    }

    /// Reads an age identity file or `SOPS_AGE_KEY` value: one `AGE-SECRET-KEY-1…` per line,
    /// `#` comments and blank lines ignored. Other identity types (plugins, post-quantum) are
    /// skipped because only X25519 is implemented; a file with no usable identity is an error.
    /// Errors name line numbers, never line contents.
    public static func parse(_ text: String) throws(SOPSError) -> [AgeIdentity] {
        var identities: [AgeIdentity] = []
        var skipped = 0
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.hasPrefix("AGE-SECRET-KEY-1") else {
                if line.hasPrefix("AGE-") { skipped += 1; continue }
                throw SOPSError("line \(index + 1) of the age key file is not an age identity")
            }
            guard var decoded = Bech32.decode(line), decoded.hrp == "age-secret-key-", decoded.data.count == 32 else {
                throw SOPSError("line \(index + 1) of the age key file is not a valid AGE-SECRET-KEY-1 identity")
            }
            defer { decoded.data.zeroize() }
            guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: decoded.data) else {
                throw SOPSError("line \(index + 1) of the age key file is not a valid X25519 key")
            }
            identities.append(AgeIdentity(privateKey: key))
        }
        guard !identities.isEmpty else {
            throw SOPSError(skipped > 0 ? "the age key file holds only identity types other than X25519, which are not supported"
                                        : "the age key file holds no AGE-SECRET-KEY-1 identity")
        }
        return identities
    }
}

extension Array where Element == UInt8 {
    /// Overwrites secret bytes before the buffer is released (best effort; copies may exist).
    mutating func zeroize() {
        withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            memset(base, 0, buffer.count)
        }
    }
}
