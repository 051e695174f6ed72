import Crypto
import Foundation

/// AES-256-GCM as sops uses it for values: 32-byte IVs (GCM's GHASH-derived counter for
/// non-96-bit nonces, which swift-crypto's BoringSSL backend supports) and the key path as
/// additional data.
enum ValueCipher {
    /// The plaintext bytes, or nil when authentication fails. The caller zeroizes the result.
    static func open(_ value: EncryptedValue, key: SymmetricKey, additionalData: String) -> [UInt8]? {
        let (ciphertext, tag) = value.ciphertextAndTag
        guard let nonce = try? AES.GCM.Nonce(data: value.iv),
              let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag),
              var opened = try? AES.GCM.open(box, using: key, authenticating: Array(additionalData.utf8)) else { return nil }
        let bytes = [UInt8](opened)
        opened.resetBytes(in: 0..<opened.count)
        return bytes
    }
}
