/// Ignore rules as Flux's source-controller applies `.sourceignore` files and `spec.ignore`:
/// gitignore syntax evaluated by go-git's matcher. Each path is judged on its own, the last
/// matching rule winning, and a rule that matches a directory also matches what is under it.
/// Unlike git, a later `!rule` can therefore re-include a file inside an ignored directory,
/// because source-controller checks every file of the archive individually.
public struct IgnoreRules: Sendable {
    struct Rule: Sendable {
        /// The directory holding the ignore file; the rule only applies below it.
        let base: [String]
        let segments: [GlobSegment]
        let negated: Bool
        let directoryOnly: Bool
        /// A slash anywhere but the end anchors the rule to `base`; otherwise it matches a name at any depth.
        let anchored: Bool
    }

    var rules: [Rule]

    public init() { rules = [] }

    public init(parsing text: String, base: String) {
        let baseParts = base.split(separator: "/").map(String.init)
        rules = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).compactMap {
            Self.parse(String($0), base: baseParts)
        }
    }

    /// source-controller's built-in exclusions, applied before any `.sourceignore` rule.
    public static let fluxDefaults = IgnoreRules(parsing: """
        .git/
        .gitignore
        .gitmodules
        .gitattributes
        *.jpg
        *.jpeg
        *.gif
        *.png
        *.wmv
        *.flv
        *.tar.gz
        *.zip
        .github/
        .circleci/
        .travis.yml
        .gitlab-ci.yml
        appveyor.yml
        .drone.yml
        cloudbuild.yaml
        codeship-services.yml
        codeship-steps.yml
        **/.goreleaser.yml
        **/.sops.yaml
        **/.flux.yaml
        """, base: "")

    /// These rules followed by `later`, whose rules win where both match.
    public func followed(by later: IgnoreRules) -> IgnoreRules {
        var combined = self
        combined.rules += later.rules
        return combined
    }

    public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        for rule in rules.reversed() where rule.matches(parts, isDirectory: isDirectory) {
            return !rule.negated
        }
        return false
    }

    /// One line, parsed the way go-git does: `#` starts a comment only in the first column,
    /// trailing spaces are dropped unless escaped, `!` negates, a trailing `/` means directories only.
    private static func parse(_ line: String, base: [String]) -> Rule? {
        if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { return nil }
        var text = Substring(line)
        let negated = text.hasPrefix("!")
        if negated { text = text.dropFirst() }
        if !text.hasSuffix("\\ ") {
            while text.hasSuffix(" ") { text = text.dropLast() }
        }
        let directoryOnly = text.hasSuffix("/")
        if directoryOnly { text = text.dropLast() }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map { GlobSegment($0) }
        return Rule(base: base, segments: segments, negated: negated,
                    directoryOnly: directoryOnly, anchored: text.contains("/"))
    }
}

extension IgnoreRules.Rule {
    func matches(_ path: [String], isDirectory: Bool) -> Bool {
        // The ignore file's own directory is outside its rules; only what lies below it counts.
        guard path.count > base.count, path.starts(with: base) else { return false }
        let relative = path[base.count...]
        return anchored ? globMatch(relative, isDirectory: isDirectory) : nameMatch(relative, isDirectory: isDirectory)
    }

    /// Any component may match; a directory-only rule cannot be satisfied by the final file.
    private func nameMatch(_ path: ArraySlice<String>, isDirectory: Bool) -> Bool {
        guard let segment = segments.first,
              let index = path.firstIndex(where: { segment.matches($0) }) else { return false }
        return !(directoryOnly && !isDirectory && index == path.index(before: path.endIndex))
    }

    /// go-git's prefix match: the pattern consumes leading components, `**` skips ahead to the
    /// first component matching the next segment, and whatever remains below is covered too.
    private func globMatch(_ path: ArraySlice<String>, isDirectory: Bool) -> Bool {
        var path = path
        var matched = false
        var skipping = false
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty {
                skipping = false
                continue
            }
            if segment.isDoubleStar {
                if index == segments.count - 1 { break }
                skipping = true
                continue
            }
            if segment.containsDoubleStar || path.isEmpty { return false }
            if skipping {
                skipping = false
                matched = false
                while let name = path.popFirst() {
                    if segment.matches(name) {
                        matched = true
                        break
                    }
                }
            } else {
                guard let name = path.popFirst(), segment.matches(name) else { return false }
                matched = true
            }
        }
        return !(matched && directoryOnly && !isDirectory && path.isEmpty) && matched
    }
}
