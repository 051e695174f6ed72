import Crypto

/// SHA-256 digests in the plan's `sha256:<hex>` spelling.
public enum ContentDigest {
    /// The digest of a manifest's canonical JSON: equal manifests hash equally, whatever the key
    /// order they were written in.
    public static func hash(_ manifest: PlanJSON) -> String { hash(Array(manifest.compact().utf8)) }

    public static func hash(_ bytes: [UInt8]) -> String { "sha256:" + hex(SHA256.hash(data: bytes)) }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Incremental SHA-256, so a tree is hashed without holding all of it in memory.
struct StreamingDigest {
    private var hasher = SHA256()

    mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }
    mutating func update(_ text: String) { hasher.update(data: Array(text.utf8)) }

    func finalized() -> String { "sha256:" + ContentDigest.hex(hasher.finalize()) }
}
