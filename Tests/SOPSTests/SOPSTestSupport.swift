import Crypto
import Foundation
import Rendering
@testable import SOPS

/// Locates the shared conformance material: `SHIPSHAPE_SOPS_CASES`, else `shared/conformance/sops`
/// next to the package or any of its ancestors (worktrees live one level deeper than main).
enum ConformanceFiles {
    static let root: String? = {
        if let env = ProcessInfo.processInfo.environment["SHIPSHAPE_SOPS_CASES"], !env.isEmpty {
            return env.hasSuffix("/generated") ? String(env.dropLast("/generated".count)) : env
        }
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for _ in 0..<4 {
            url = url.deletingLastPathComponent()
            let candidate = url.appendingPathComponent("shared/conformance/sops").path
            if FileManager.default.fileExists(atPath: candidate + "/generated/manifest.json") { return candidate }
        }
        return nil
    }()

    static func bytes(_ relative: String) -> [UInt8]? {
        guard let root, let data = FileManager.default.contents(atPath: root + "/" + relative) else { return nil }
        return [UInt8](data)
    }

    static func text(_ relative: String) -> String? {
        bytes(relative).map { String(decoding: $0, as: UTF8.self) }
    }

    static func identities(_ relative: String) -> [AgeIdentity] {
        guard let text = text(relative) else { return [] }
        return (try? AgeIdentity.parse(text)) ?? []
    }

    static func file(_ relative: String, format: SOPSFormat? = nil) -> SOPSFile? {
        guard let bytes = bytes(relative) else { return nil }
        return try? SOPSFile(parsing: bytes, path: relative, format: format)
    }
}

/// Fingerprints for comparing secret values in tests without printing them.
func digest(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

/// An in-memory file system for creation-rule lookups.
struct MemoryFileSystem: RenderFileSystem {
    var files: [String: [UInt8]]

    func isFile(_ path: String) -> Bool { files[path] != nil }
    func isDirectory(_ path: String) -> Bool { files.keys.contains { $0.hasPrefix(path + "/") } }
    func read(_ path: String) throws(RenderError) -> [UInt8] {
        guard let bytes = files[path] else { throw RenderError(.missing, path) }
        return bytes
    }
    func children(of directory: String) -> [String] { [] }
}
