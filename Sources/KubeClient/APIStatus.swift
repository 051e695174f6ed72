/// A `meta/v1` `Status` object: how the API server explains a failure.
public struct APIStatus: Sendable, Equatable {
    public struct Cause: Sendable, Equatable {
        /// `FieldManagerConflict`, `FieldValueInvalid`, …
        public var type: String
        public var message: String
        /// `.spec.replicas` or `spec.template…`, as the server writes it.
        public var field: String

        public init(type: String, message: String, field: String) {
            self.type = type
            self.message = message
            self.field = field
        }
    }

    public var code: Int
    /// `NotFound`, `Conflict`, `Invalid`, `Forbidden`, `TooManyRequests`, `InternalError`, …
    public var reason: String
    public var message: String
    public var name: String
    public var group: String
    public var kind: String
    public var causes: [Cause]
    public var retryAfterSeconds: Int?

    public init(code: Int, reason: String = "", message: String = "", name: String = "", group: String = "",
                kind: String = "", causes: [Cause] = [], retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.name = name
        self.group = group
        self.kind = kind
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Decodes a response body when it is a `Status`; nil for anything else (plain-text 404s).
    public init?(body: [UInt8]) {
        guard let json = try? JSON.parse(body), json["kind"]?.string == "Status" else { return nil }
        self.init(json: json)
    }

    public init(json: JSON) {
        let details = json["details"]
        self.init(code: json["code"]?.int ?? 0,
                  reason: json["reason"]?.string ?? "",
                  message: json["message"]?.string ?? "",
                  name: details?["name"]?.string ?? "",
                  group: details?["group"]?.string ?? "",
                  kind: details?["kind"]?.string ?? "",
                  causes: (details?["causes"]?.array ?? []).map {
                      Cause(type: $0["reason"]?.string ?? "", message: $0["message"]?.string ?? "",
                            field: $0["field"]?.string ?? "")
                  },
                  retryAfterSeconds: details?["retryAfterSeconds"]?.int)
    }

    /// Field-ownership conflicts from a server-side apply, one per field.
    public var fieldConflicts: [FieldConflict] {
        causes.filter { $0.type == "FieldManagerConflict" }.map { cause in
            FieldConflict(field: cause.field, manager: FieldConflict.manager(in: cause.message), message: cause.message)
        }
    }
}

/// A field another manager owns: `conflict with "kubectl-edit" using apps/v1: .spec.replicas`.
public struct FieldConflict: Sendable, Equatable, CustomStringConvertible {
    public var field: String
    /// The other field manager, when the message names one.
    public var manager: String?
    public var message: String

    public var description: String {
        "\(field) is owned by \(manager.map { "\"\($0)\"" } ?? "another manager")"
    }

    static func manager(in message: String) -> String? {
        guard let start = message.range(of: "conflict with \"") else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
