/// `kubernetes.Semver` (library version 1): `semver()`, `isSemver()` (each optionally
/// normalising), `major`, `minor`, `patch`, `compareTo`, `isGreaterThan` and `isLessThan`.
extension CEL.Environment {
    public mutating func addKubernetesSemverLibrary() {
        typealias Semver = KubernetesSemver
        let semver = Semver.celType
        declare(typeNamed: Semver.celTypeName, as: semver)
        let parse: @Sendable ([CEL.Value]) -> CEL.Value = { a in
            guard case .string(let text) = a[0], let normalizing = KubernetesSemverLibrary.normalizing(a) else {
                return .noSuchOverload("semver", a)
            }
            do {
                return .opaque(try Semver(parsing: text, normalizing: normalizing))
            } catch {
                return .failure(error)
            }
        }
        add(function: "semver", [
            CEL.Overload("string_to_semver", parameters: [.string], result: semver, implementation: parse),
            CEL.Overload("string_bool_to_semver", parameters: [.string, .bool], result: semver, implementation: parse),
        ])
        let isSemver: @Sendable ([CEL.Value]) -> CEL.Value = { a in
            guard case .string(let text) = a[0], let normalizing = KubernetesSemverLibrary.normalizing(a) else {
                return .noSuchOverload("isSemver", a)
            }
            return .bool(Semver.isValid(text, normalizing: normalizing))
        }
        add(function: "isSemver", [
            CEL.Overload("is_semver_string", parameters: [.string], result: .bool, implementation: isSemver),
            CEL.Overload("is_semver_string_bool", parameters: [.string, .bool], result: .bool, implementation: isSemver),
        ])
        let components: [(String, @Sendable (Semver) -> UInt64)] = [("major", \.major), ("minor", \.minor), ("patch", \.patch)]
        for (name, component) in components {
            addMethod(name, id: "semver_\(name)", on: semver, result: .int) { a in
                guard let version = a[0].opaqueValue(Semver.self) else { return .noSuchOverload(name, a) }
                // Go converts the uint64 component with a plain int64 cast; do the same.
                return .int(Int64(truncatingIfNeeded: component(version)))
            }
        }
        let comparisons: [(String, CELType, @Sendable (Int) -> CEL.Value)] = [
            ("compareTo", .int, { .int(Int64($0)) }),
            ("isGreaterThan", .bool, { .bool($0 > 0) }),
            ("isLessThan", .bool, { .bool($0 < 0) }),
        ]
        for (name, result, answer) in comparisons {
            addMethod(name, id: "semver_\(name)", on: semver, parameters: [semver], result: result) { a in
                guard let version = a[0].opaqueValue(Semver.self), let other = a[1].opaqueValue(Semver.self) else {
                    return .noSuchOverload(name, a)
                }
                return answer(version.compare(to: other))
            }
        }
    }
}

enum KubernetesSemverLibrary {
    /// The optional second argument of `semver` / `isSemver`; nil when it is not a bool.
    static func normalizing(_ arguments: [CEL.Value]) -> Bool? {
        guard arguments.count == 2 else { return false }
        guard case .bool(let flag) = arguments[1] else { return nil }
        return flag
    }
}
