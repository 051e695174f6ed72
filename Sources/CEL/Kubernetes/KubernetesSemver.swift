/// A semantic version as Kubernetes' CEL `semver()` reads it (blang/semver v4 `Parse`): strict
/// `MAJOR.MINOR.PATCH[-pre][+build]`, no leading zeros; `semver(s, true)` normalises first.
public struct KubernetesSemver: Sendable, Comparable, CustomStringConvertible {
    public enum PrereleaseIdentifier: Sendable, Equatable {
        case numeric(UInt64)
        case alphanumeric(String)
    }

    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    public let prerelease: [PrereleaseIdentifier]
    /// Build metadata; ignored by comparisons.
    public let build: [String]

    /// `semver(string)` or, with `normalizing`, `semver(string, true)`: drop one leading `v`,
    /// pad `1` / `1.2` with zeros, strip leading zeros from the numeric parts.
    public init(parsing text: String, normalizing: Bool = false) throws(SemverError) {
        let source = normalizing ? try KubernetesSemver.normalized(text) : text
        guard !source.isEmpty else { throw .invalid("Version string empty") }
        let parts = source.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .invalid("No Major.Minor.Patch elements found") }
        major = try KubernetesSemver.number(parts[0], name: "major")
        minor = try KubernetesSemver.number(parts[1], name: "minor")
        var patchText = parts[2]
        var buildParts: [Substring] = []
        if let plus = patchText.firstIndex(of: "+") {
            buildParts = patchText[patchText.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false)
            patchText = patchText[..<plus]
        }
        var prereleaseParts: [Substring] = []
        if let minus = patchText.firstIndex(of: "-") {
            prereleaseParts = patchText[patchText.index(after: minus)...].split(separator: ".", omittingEmptySubsequences: false)
            patchText = patchText[..<minus]
        }
        patch = try KubernetesSemver.number(patchText, name: "patch")
        var identifiers: [PrereleaseIdentifier] = []
        for part in prereleaseParts {
            guard !part.isEmpty else { throw .invalid("Prerelease is empty") }
            if part.utf8.allSatisfy(\.isASCIIDigit) {
                guard part.count == 1 || part.first != "0" else { throw .invalid("Prerelease must not contain leading zeroes") }
                guard let value = UInt64(part) else { throw .invalid("Prerelease number out of range") }
                identifiers.append(.numeric(value))
            } else {
                guard part.utf8.allSatisfy(KubernetesSemver.isIdentifierByte) else {
                    throw .invalid("Invalid character(s) found in prerelease \"\(part)\"")
                }
                identifiers.append(.alphanumeric(String(part)))
            }
        }
        for part in buildParts {
            guard !part.isEmpty else { throw .invalid("Build meta data is empty") }
            guard part.utf8.allSatisfy(KubernetesSemver.isIdentifierByte) else {
                throw .invalid("Invalid character(s) found in build meta data \"\(part)\"")
            }
        }
        prerelease = identifiers
        build = buildParts.map(String.init)
    }

    public static func isValid(_ text: String, normalizing: Bool = false) -> Bool {
        (try? KubernetesSemver(parsing: text, normalizing: normalizing)) != nil
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte.isASCIIAlphanumeric || byte == UInt8(ascii: "-")
    }

    private static func number(_ text: Substring, name: String) throws(SemverError) -> UInt64 {
        guard text.utf8.allSatisfy(\.isASCIIDigit) else { throw .invalid("Invalid character(s) found in \(name) number") }
        guard text.count <= 1 || text.first != "0" else { throw .invalid("\(name) number must not contain leading zeroes") }
        guard let value = UInt64(text) else { throw .invalid("Invalid \(name) number") }
        return value
    }

    private static func normalized(_ text: String) throws(SemverError) -> String {
        let trimmed = text.hasPrefix("v") ? String(text.dropFirst()) : text
        var parts = trimmed.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices where parts[index].count > 1 {
            let stripped = parts[index].drop(while: { $0 == "0" })
            parts[index] = (stripped.first?.isASCII == true && stripped.first?.isNumber == true) ? String(stripped) : "0" + stripped
        }
        if parts.count < 3 {
            guard let last = parts.last, !last.contains("+"), !last.contains("-") else {
                throw .invalid("short version cannot contain PreRelease/Build meta data")
            }
            parts += Array(repeating: "0", count: 3 - parts.count)
        }
        return parts.joined(separator: ".")
    }

    /// Semver precedence: -1, 0 or 1; build metadata does not count.
    public func compare(to other: KubernetesSemver) -> Int {
        for (left, right) in [(major, other.major), (minor, other.minor), (patch, other.patch)] where left != right {
            return left < right ? -1 : 1
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(prerelease, other.prerelease) {
            let order = KubernetesSemver.compare(left, right)
            if order != 0 { return order }
        }
        return prerelease.count == other.prerelease.count ? 0 : (prerelease.count < other.prerelease.count ? -1 : 1)
    }

    private static func compare(_ left: PrereleaseIdentifier, _ right: PrereleaseIdentifier) -> Int {
        switch (left, right) {
        case (.numeric(let a), .numeric(let b)): a == b ? 0 : (a < b ? -1 : 1)
        case (.numeric, .alphanumeric): -1
        case (.alphanumeric, .numeric): 1
        case (.alphanumeric(let a), .alphanumeric(let b)):
            a == b ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
        }
    }

    public static func == (lhs: KubernetesSemver, rhs: KubernetesSemver) -> Bool { lhs.compare(to: rhs) == 0 }
    public static func < (lhs: KubernetesSemver, rhs: KubernetesSemver) -> Bool { lhs.compare(to: rhs) < 0 }

    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty {
            text += "-" + prerelease.map { identifier in
                switch identifier {
                case .numeric(let value): String(value)
                case .alphanumeric(let value): value
                }
            }.joined(separator: ".")
        }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }
}

public enum SemverError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        }
    }
}
