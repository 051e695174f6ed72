/// Names one object: the kind (by its apiVersion) and its name and namespace.
public struct ObjectRef: Sendable, Hashable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    /// Ignored for cluster-scoped kinds; nil means the target's namespace for namespaced kinds.
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String? = nil, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The reference an object names for itself; nil without apiVersion, kind or metadata.name.
    public init?(object: JSON) {
        guard let apiVersion = object["apiVersion"]?.string, let kind = object["kind"]?.string,
              let name = object[path: "metadata", "name"]?.string, !name.isEmpty else { return nil }
        self.init(apiVersion: apiVersion, kind: kind, namespace: object[path: "metadata", "namespace"]?.string, name: name)
    }

    public var description: String {
        "\(kind)/\(name)" + (namespace.map { " in \($0)" } ?? "") + " (\(apiVersion))"
    }
}

/// What a server-side apply returned.
public struct AppliedObject: Sendable, Equatable {
    public var object: JSON
    public var uid: String
    public var resourceVersion: String
    public var generation: Int?

    public init(object: JSON) {
        self.object = object
        uid = object[path: "metadata", "uid"]?.string ?? ""
        resourceVersion = object[path: "metadata", "resourceVersion"]?.string ?? ""
        generation = object[path: "metadata", "generation"]?.int
    }
}

public enum PropagationPolicy: String, Sendable {
    case foreground = "Foreground", background = "Background", orphan = "Orphan"
}

public enum DeleteResult: Sendable, Equatable {
    /// The object is gone (the server answered with a Status or the final object).
    case deleted
    /// Finalizers still hold it; it carries a deletionTimestamp.
    case pending(JSON)
    /// It was already absent.
    case notFound
}

enum PercentEncoding {
    /// Keeps RFC 3986 unreserved characters; everything else (including `/`, `&`, `=`) is escaped.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    static func query(_ items: [(String, String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }
}
