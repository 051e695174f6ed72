/// The Kubernetes identity of the object a finding is about.
public struct ObjectReference: Hashable, Codable, Sendable, Comparable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String?

    public init(apiVersion: String, kind: String, namespace: String?, name: String?) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Kind namespace/name`, or `Kind name` for objects without a namespace.
    public var displayName: String {
        let scoped = [namespace, name].compactMap { $0 }.joined(separator: "/")
        return scoped.isEmpty ? kind : "\(kind) \(scoped)"
    }

    public static func < (lhs: ObjectReference, rhs: ObjectReference) -> Bool {
        (lhs.apiVersion, lhs.kind, lhs.namespace ?? "", lhs.name ?? "")
            < (rhs.apiVersion, rhs.kind, rhs.namespace ?? "", rhs.name ?? "")
    }
}

/// The unit (Flux Kustomization, HelmRelease, Argo CD Application) a finding belongs to.
public struct UnitReference: Hashable, Codable, Sendable, Comparable {
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(kind: String, namespace: String?, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var displayName: String {
        "\(kind) \([namespace, name].compactMap { $0 }.joined(separator: "/"))"
    }

    public static func < (lhs: UnitReference, rhs: UnitReference) -> Bool {
        (lhs.kind, lhs.namespace ?? "", lhs.name) < (rhs.kind, rhs.namespace ?? "", rhs.name)
    }
}

/// A second place that explains a finding: the other half of a duplicate, the next hop of a cycle.
public struct RelatedLocation: Hashable, Codable, Sendable {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }
}

/// One finding: a stable rule id, a one-line message, where it is, what explains it, how to fix it.
public struct Diagnostic: Hashable, Codable, Sendable {
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var object: ObjectReference?
    public var unit: UnitReference?
    public var related: [RelatedLocation]
    public var fix: String?

    public init(
        rule: RuleID,
        severity: Severity? = nil,
        message: String,
        at location: SourceLocation,
        object: ObjectReference? = nil,
        unit: UnitReference? = nil,
        related: [RelatedLocation] = [],
        fix: String? = nil
    ) {
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.message = message
        self.location = location
        self.object = object
        self.unit = unit
        self.related = related
        self.fix = fix
    }

    /// What identifies a finding across revisions: not its line, which moves with unrelated edits.
    public var fingerprint: String {
        let objectKey = object.map { "\($0.apiVersion)|\($0.kind)|\($0.namespace ?? "")|\($0.name ?? "")" } ?? "-"
        let anchor = object == nil ? location.file : ""
        return "\(rule.rawValue)|\(objectKey)|\(anchor)|\(message)"
    }
}

extension Diagnostic: Comparable {
    /// The one order every report uses: by file, position, rule, then message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
        return lhs.message < rhs.message
    }
}
