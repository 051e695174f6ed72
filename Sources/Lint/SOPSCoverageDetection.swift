import Clusters
import Foundation
import Rendering
import SourceTree

/// Recognises SOPS content the cheap way Flux's kustomize-controller does, without a key and
/// without the SOPS engine (conformance README §1.10): a top-level `sops` mapping with a
/// non-empty `mac`, a format's marker bytes in a Secret `data` value or a generator source file,
/// and `ENC[AES256_GCM,…]` values.
struct SOPSDetection {
    /// What sops leaves in each of its formats (kustomize-controller's `sopsFormatToMarkerBytes`):
    /// JSON and binary, dotenv, INI, YAML.
    static let markers = ["\"mac\": \"ENC[", "sops_mac=ENC[", "[sops]", "mac: ENC["]
    static let optOutAnnotation = "kustomize.toolkit.fluxcd.io/decrypt"

    /// Reads a repository file; nil when it cannot be read.
    let read: @Sendable (String) -> [UInt8]?
    /// Generator source files already judged, by path.
    private var encryptedFiles: [String: Bool] = [:]
    private var fileKeyTypes: [String: Set<String>?] = [:]

    init(read: @escaping @Sendable (String) -> [UInt8]?) {
        self.read = read
    }

    /// Flux's `isSOPSEncryptedResource`: `sops` is present and its `mac` is neither null nor empty.
    static func hasMetadata(_ object: Node) -> Bool {
        guard let sops = object["sops"], sops.isMapping, let mac = sops["mac"], !mac.isNull else { return false }
        if let text = mac.text { return !text.isEmpty }
        return !mac.entries.isEmpty || !mac.elements.isEmpty
    }

    /// `kustomize.toolkit.fluxcd.io/decrypt: disabled`, compared case-insensitively as Flux does.
    static func isOptedOut(_ object: Node) -> Bool {
        object[path: ["metadata", "annotations", optOutAnnotation]]?.text?.lowercased() == "disabled"
    }

    /// SOPS's value syntax, `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` (the parser anchors only the start).
    static func isCiphertext(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("ENC[AES256_GCM,data:") && trimmed.contains(",iv:") && trimmed.contains(",tag:")
            && trimmed.contains(",type:")
    }

    static func containsMarker(_ bytes: [UInt8]) -> Bool { ByteSearch.containsAny(bytes, markers) }

    /// A Secret `data` value as Flux decodes it (Go's standard base64, line breaks skipped).
    static func decoded(_ text: String) -> [UInt8]? { Base64.decode(text) }

    /// A `data` value holding a whole SOPS document, which Flux decrypts after the build.
    static func isEncryptedDocument(_ value: Node) -> Bool {
        guard let text = value.text, let bytes = decoded(text) else { return false }
        return containsMarker(bytes)
    }

    /// Whether a file is SOPS-encrypted in any format: Flux decrypts a secretGenerator's
    /// `files`/`envs` in place before building when it finds the format's marker.
    mutating func isEncryptedFile(_ path: String) -> Bool {
        if let known = encryptedFiles[path] { return known }
        let encrypted = read(path).map(Self.containsMarker) ?? false
        encryptedFiles[path] = encrypted
        return encrypted
    }

    /// Master key types named by a whole SOPS document (a generator source, a `data` value):
    /// dotenv and INI flatten the metadata into `sops_<type>__list_…` / `<type>__list_…` keys,
    /// YAML and JSON keep a `sops` mapping. Nil when none can be told.
    static func keyTypes(inDocument bytes: [UInt8]) -> Set<String>? {
        let flattened = Set(FluxDecryption.keyTypeNames.filter { ByteSearch.contains(bytes, "\($0)__list_") })
        if !flattened.isEmpty { return flattened }
        guard let documents = try? Kustomization.parseDocuments(bytes, path: "sops-document"), let first = documents.first,
              first["sops"] != nil else { return nil }
        let types = FluxDecryption.keyTypes(of: first)
        return types.isEmpty ? nil : types
    }

    /// The master key types of an encrypted generator source, read once per file.
    mutating func keyTypes(ofFile path: String) -> Set<String>? {
        if let known = fileKeyTypes[path] { return known }
        let types = read(path).flatMap(Self.keyTypes(inDocument:))
        fileKeyTypes[path] = .some(types)
        return types
    }

    /// The generator source file a data entry came from: a generated Secret's entries carry the
    /// origin of the file (or env line) they were read from; literals point at the kustomization.
    static func sourceFile(of value: Node, in resource: Resource) -> String? {
        guard resource.behavior != nil, let file = value.origin?.file, file != resource.source.file else { return nil }
        return file
    }
}
