import Rendering
import SourceTree
import YAMLTree

/// Why a file could not be read at all (not a finding about its content).
public struct SOPSError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// A comment of a YAML file: sops keeps comments in its tree and may encrypt them.
struct SOPSComment: Sendable {
    var line: Int
    var column: Int
    var text: String
    var origin: Origin
}

/// A YAML or JSON file as sops reads it: its documents in order and, when it is encrypted, the
/// metadata of the first document (README §1.1). Values are kept as written and never printed.
public struct SOPSFile: Sendable {
    public let path: String
    public let format: SOPSFormat
    /// Document roots in file order (empty documents left out), each still holding its `sops` key.
    public let documents: [SOPSNode]
    /// The first document's `sops:` block; nil when the file is not SOPS-encrypted.
    public let metadata: SOPSMetadata?
    /// True when the first document's `sops` key is not a mapping.
    let metadataIsMalformed: Bool
    let comments: [SOPSComment]

    /// Parses `bytes`; the store (YAML or JSON) follows the extension unless `format` is given.
    /// Throws only when the bytes are not YAML/JSON at all.
    public init(parsing bytes: [UInt8], path: String, format: SOPSFormat? = nil) throws(SOPSError) {
        let format = format ?? SOPSFormat(path: path)
        let parsed = YAMLParser.parse(bytes, path: path)
        if let error = parsed.diagnostics.first(where: { $0.severity == .error }) {
            throw SOPSError("\(path): not valid \(format == .json ? "JSON" : "YAML"): \(error.message)")
        }
        self.path = path
        self.format = format
        documents = parsed.documents.compactMap { document in
            guard let root = document.root, !root.isNull else { return nil }
            return SOPSDocumentReader.read(root, format: format)
        }
        comments = parsed.comments.map {
            SOPSComment(line: $0.line, column: $0.column, text: $0.text, origin: Origin(file: path, line: $0.line, column: $0.column))
        }
        if let first = documents.first, first.isMapping, let block = first["sops"] {
            metadata = SOPSMetadata(block)
            metadataIsMalformed = !block.isMapping
        } else {
            metadata = nil
            metadataIsMalformed = false
        }
    }

    /// True when the first document carries sops metadata, as sops and Flux decide.
    public var isEncrypted: Bool { metadata != nil }

    /// Cheap pre-filter for scanners: could these bytes be a SOPS file at all?
    public static func mightBeEncrypted(_ bytes: [UInt8]) -> Bool {
        ByteSearch.contains(bytes, "sops")
    }
}
