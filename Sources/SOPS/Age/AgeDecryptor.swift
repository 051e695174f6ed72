import Crypto
import Foundation

/// Opens age v1 files (armored or binary) with X25519 identities, natively: the format of
/// age-encryption.org/v1 as sops stores data keys in it (README §1.7).
enum AgeDecryptor {
    enum Outcome {
        /// The payload, which the caller must zeroize when done.
        case decrypted([UInt8])
        /// No stanza is addressed to any of the identities.
        case noMatchingIdentity
        /// A stanza opened with one of the identities but the file is damaged or tampered with.
        case failed(String)
        /// Not an age file at all.
        case malformed(String)
    }

    private static let chunkSize = 64 * 1024
    private static let version = "age-encryption.org/v1"

    static func decrypt(_ text: String, identities: [AgeIdentity]) -> Outcome {
        guard let bytes = dearmor(text) else { return .malformed("not an armored age file") }
        guard let header = Header(bytes) else { return .malformed("the age header cannot be read") }
        var fileKey: SymmetricKey?
        for stanza in header.stanzas where stanza.type == "X25519" {
            for identity in identities {
                if let key = unwrap(stanza, identity: identity) {
                    fileKey = key
                    break
                }
            }
            if fileKey != nil { break }
        }
        guard let fileKey else { return .noMatchingIdentity }
        let macKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: [UInt8](), info: Array("header".utf8), outputByteCount: 32)
        guard HMAC<SHA256>.isValidAuthenticationCode(header.mac, authenticating: header.macInput, using: macKey) else {
            return .failed("the age header MAC does not verify")
        }
        return payload(header.payload, fileKey: fileKey)
    }

    /// The X25519 recipient stanza: ChaCha20-Poly1305 (zero nonce) of the 16-byte file key under
    /// HKDF-SHA-256(shared secret, salt = ephemeral share ‖ recipient, info = label).
    private static func unwrap(_ stanza: Header.Stanza, identity: AgeIdentity) -> SymmetricKey? {
        guard stanza.arguments.count == 1, let share = rawBase64(stanza.arguments[0]), share.count == 32,
              stanza.body.count == 32,
              let publicShare = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share),
              let shared = try? identity.privateKey.sharedSecretFromKeyAgreement(with: publicShare) else { return nil }
        // An all-zero shared secret (low-order share) is rejected by age.
        guard shared.withUnsafeBytes({ $0.contains { $0 != 0 } }) else { return nil }
        let salt = share + Array(identity.privateKey.publicKey.rawRepresentation)
        let wrapKey = shared.hkdfDerivedSymmetricKey(using: SHA256.self, salt: salt,
                                                     sharedInfo: Array("age-encryption.org/v1/X25519".utf8), outputByteCount: 32)
        guard let nonce = try? ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)),
              let box = try? ChaChaPoly.SealedBox(nonce: nonce, ciphertext: stanza.body[0..<16], tag: stanza.body[16..<32]),
              let opened = try? ChaChaPoly.open(box, using: wrapKey) else { return nil }
        var keyBytes = [UInt8](opened)
        defer { keyBytes.zeroize() }
        return SymmetricKey(data: keyBytes)
    }

    /// STREAM: 16-byte nonce, then 64 KiB ChaCha20-Poly1305 chunks with nonce = 11-byte
    /// big-endian counter ‖ last-chunk flag.
    private static func payload(_ bytes: ArraySlice<UInt8>, fileKey: SymmetricKey) -> Outcome {
        guard bytes.count >= 16 + 16 else { return .failed("the age payload is truncated") }
        let nonce = Array(bytes.prefix(16))
        let streamKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Array("payload".utf8), outputByteCount: 32)
        var rest = bytes.dropFirst(16)
        var plaintext: [UInt8] = []
        var counter: UInt64 = 0
        while true {
            let size = min(rest.count, chunkSize + 16)
            let last = rest.count <= chunkSize + 16
            let chunk = rest.prefix(size)
            rest = rest.dropFirst(size)
            guard chunk.count >= 16, !(last && chunk.count == 16 && counter > 0) else {
                plaintext.zeroize()
                return .failed("the age payload has an invalid final chunk")
            }
            var chunkNonce = [UInt8](repeating: 0, count: 12)
            for i in 0..<8 { chunkNonce[3 + i] = UInt8((counter >> (8 * UInt64(7 - i))) & 0xff) }
            chunkNonce[11] = last ? 1 : 0
            guard let n = try? ChaChaPoly.Nonce(data: chunkNonce),
                  let box = try? ChaChaPoly.SealedBox(nonce: n, ciphertext: chunk.dropLast(16), tag: chunk.suffix(16)),
                  let opened = try? ChaChaPoly.open(box, using: streamKey) else {
                plaintext.zeroize()
                return .failed("the age payload does not decrypt")
            }
            plaintext += opened
            if last { return .decrypted(plaintext) }
            counter += 1
        }
    }

    /// ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`, padded base64) or a binary file.
    static func dearmor(_ text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix(version) { return Array(text.utf8) }
        let begin = "-----BEGIN AGE ENCRYPTED FILE-----", end = "-----END AGE ENCRYPTED FILE-----"
        guard trimmed.hasPrefix(begin), trimmed.hasSuffix(end), trimmed.count > begin.count + end.count else { return nil }
        let body = trimmed.dropFirst(begin.count).dropLast(end.count)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined()
        guard let data = Data(base64Encoded: body) else { return nil }
        return [UInt8](data)
    }

    /// age's unpadded standard base64.
    static func rawBase64(_ text: some StringProtocol) -> [UInt8]? {
        guard !text.contains("=") else { return nil }
        let padded = String(text) + String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: padded).map { [UInt8]($0) }
    }

    /// The text header: version line, `-> type args` stanzas with 64-column bodies, `--- mac`.
    struct Header {
        struct Stanza {
            var type: String
            var arguments: [String]
            var body: [UInt8]
        }

        var stanzas: [Stanza] = []
        /// The header up to and including `---`, which the MAC covers.
        var macInput: [UInt8] = []
        var mac: [UInt8] = []
        var payload: ArraySlice<UInt8> = []

        init?(_ bytes: [UInt8]) {
            var index = 0
            func nextLine() -> ArraySlice<UInt8>? {
                guard index < bytes.count, let end = bytes[index...].firstIndex(of: 0x0A) else { return nil }
                defer { index = end + 1 }
                return bytes[index..<end]
            }
            guard let first = nextLine(), String(decoding: first, as: UTF8.self) == AgeDecryptor.version else { return nil }
            while let line = nextLine() {
                let text = String(decoding: line, as: UTF8.self)
                if text.hasPrefix("--- ") {
                    guard let mac = AgeDecryptor.rawBase64(text.dropFirst(4)), mac.count == 32 else { return nil }
                    macInput = Array(bytes[..<(line.startIndex + 3)])
                    self.mac = mac
                    payload = bytes[index...]
                    return
                }
                guard text.hasPrefix("-> ") else { return nil }
                let parts = text.dropFirst(3).split(separator: " ").map(String.init)
                guard let type = parts.first else { return nil }
                var body: [UInt8] = []
                while true {
                    guard let bodyLine = nextLine(), bodyLine.count <= 64,
                          let decoded = AgeDecryptor.rawBase64(String(decoding: bodyLine, as: UTF8.self)) else { return nil }
                    body += decoded
                    if bodyLine.count < 64 { break }
                }
                stanzas.append(Stanza(type: type, arguments: Array(parts.dropFirst()), body: body))
            }
            return nil
        }
    }
}
