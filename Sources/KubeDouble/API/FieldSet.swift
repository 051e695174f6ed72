/// A field path in an object, as object keys from the root. Lists are atomic: a path
/// ends at a list (a simplification of server-side apply's associative lists).
typealias FieldPath = [String]

enum FieldSet {
    /// Metadata the server owns; never part of anyone's field set.
    static let serverMetadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
    ]

    /// The leaf paths an applied configuration sets.
    static func paths(of config: JSONValue) -> Set<FieldPath> {
        var result: Set<FieldPath> = []
        guard let members = config.objectValue else { return result }
        for (key, value) in members where key != "apiVersion" && key != "kind" {
            if key == "metadata", let metadata = value.objectValue {
                for (metaKey, metaValue) in metadata where !serverMetadata.contains(metaKey) {
                    collect(metaValue, prefix: ["metadata", metaKey], into: &result)
                }
            } else {
                collect(value, prefix: [key], into: &result)
            }
        }
        return result
    }

    private static func collect(_ value: JSONValue, prefix: FieldPath, into result: inout Set<FieldPath>) {
        if case .object(let members) = value, !members.isEmpty {
            for (key, child) in members { collect(child, prefix: prefix + [key], into: &result) }
        } else {
            result.insert(prefix)
        }
    }

    /// Every proper and improper prefix of the given paths, for overlap tests.
    static func prefixes(of paths: Set<FieldPath>) -> Set<FieldPath> {
        var result: Set<FieldPath> = []
        for path in paths {
            for length in 1...max(1, path.count) { result.insert(Array(path.prefix(length))) }
        }
        return result
    }

    /// Whether `path` overlaps (equals, contains or is contained by) a path of `paths`,
    /// given `prefixes` = `prefixes(of: paths)`.
    static func overlaps(_ path: FieldPath, paths: Set<FieldPath>, prefixes: Set<FieldPath>) -> Bool {
        if prefixes.contains(path) { return true }
        for length in 1..<max(1, path.count) where paths.contains(Array(path.prefix(length))) { return true }
        return false
    }

    /// The `fieldsV1` form: nested `f:<key>` objects with `{}` leaves.
    static func encode(_ paths: Set<FieldPath>) -> JSONValue {
        var root: JSONValue = .object([:])
        for path in paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let prefixed = path.map { "f:" + $0 }
            if root.value(at: prefixed) == nil { root.setValue(.object([:]), at: prefixed) }
        }
        return root
    }

    /// `.spec.replicas`, as conflicts name fields.
    static func display(_ path: FieldPath) -> String { "." + path.joined(separator: ".") }
}
