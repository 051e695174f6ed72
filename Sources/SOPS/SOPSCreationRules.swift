import CEL
import Rendering
import SourceTree
import YAMLTree

/// One `creation_rules` entry of a `.sops.yaml` (README §1.9).
public struct SOPSCreationRule: Sendable {
    public let index: Int
    /// nil matches every file (a fallback rule).
    public let pathRegex: String?
    /// The master keys, one set per key group (flat keys form a single group).
    public let keyGroups: [Set<SOPSRecipient>]
    public let shamirThreshold: Int?
    public let cryptRules: [SOPSCryptRule]
    public let macOnlyEncrypted: Bool
    public let origin: Origin
    let regex: PCRE2Regex?
    let regexError: String?

    /// The crypt rule sops writes into files it creates with this rule.
    public var cryptRule: SOPSCryptRule { cryptRules.first ?? .default }
}

/// How an encrypted file compares with the creation rule that governs it.
public struct SOPSRuleMatch: Sendable {
    /// Index of the first rule whose `path_regex` matches, nil when none does.
    public let ruleIndex: Int?
    /// Whether the file's master keys are the rule's (per key group); nil without a rule.
    public let recipientsMatch: Bool?
    /// Whether the file's crypt rule (e.g. `encrypted_regex`) is the rule's; nil without a rule.
    public let cryptRuleMatch: Bool?
    public let findings: [SOPSFinding]
}

/// A parsed `.sops.yaml`. Matching follows sops: rules in order, first match wins, `path_regex`
/// an unanchored RE2 pattern on the path relative to the directory holding the file.
public struct SOPSCreationRules: Sendable {
    /// Repository path of the `.sops.yaml`.
    public let path: String
    /// Its directory ("" for the repository root).
    public let directory: String
    public let rules: [SOPSCreationRule]

    public init(parsing bytes: [UInt8], path: String) throws(SOPSError) {
        let parsed = YAMLParser.parse(bytes, path: path)
        if let error = parsed.diagnostics.first(where: { $0.severity == .error }) {
            throw SOPSError("\(path): not valid YAML: \(error.message)")
        }
        self.path = path
        directory = RepositoryPath.parent(of: path)
        guard let root = parsed.documents.first?.root else {
            rules = []
            return
        }
        let config = SOPSDocumentReader.read(root, format: .yaml)
        guard case .sequence(let items)? = config["creation_rules"]?.value else {
            rules = []
            return
        }
        rules = items.enumerated().map { index, item in SOPSCreationRules.rule(item, index: index) }
    }

    /// sops looks for `.sops.yaml` from the current directory upwards. A repository check has no
    /// meaningful current directory, so the walk starts at the file's own directory: the config a
    /// developer gets when running sops next to the file, which is how repositories are laid out.
    public static func governing(for file: String, in fileSystem: any RenderFileSystem)
        throws(SOPSError) -> (rules: SOPSCreationRules, relativePath: String)? {
        var directory = RepositoryPath.parent(of: file)
        for _ in 0..<100 {
            let candidate = directory.isEmpty ? ".sops.yaml" : directory + "/.sops.yaml"
            if fileSystem.isFile(candidate) {
                let bytes: [UInt8]
                do {
                    bytes = try fileSystem.read(candidate)
                } catch {
                    throw SOPSError("\(candidate): cannot be read: \(error)")
                }
                let rules = try SOPSCreationRules(parsing: bytes, path: candidate)
                return (rules, rules.relativePath(of: file))
            }
            if directory.isEmpty { return nil }
            directory = RepositoryPath.parent(of: directory)
        }
        return nil
    }

    /// The file's path relative to this config's directory (sops trims the directory prefix).
    public func relativePath(of file: String) -> String {
        guard !directory.isEmpty else { return file }
        return file.hasPrefix(directory + "/") ? String(file.dropFirst(directory.count + 1)) : file
    }

    /// The first rule matching `relativePath`. sops stops with an error at a `path_regex` that
    /// does not compile, so that rule is reported and matching ends there.
    public func firstMatch(for relativePath: String) -> Result<SOPSCreationRule?, SOPSError> {
        for rule in rules {
            guard rule.pathRegex != nil else { return .success(rule) }
            guard let regex = rule.regex else {
                return .failure(SOPSError("creation rule \(rule.index): path_regex does not compile: \(rule.regexError ?? "")"))
            }
            if (try? regex.matches(relativePath)) == true { return .success(rule) }
        }
        return .success(nil)
    }

    /// Compares an encrypted file with the rule that governs it: sops applies rules only when it
    /// creates a file, so a file can drift from the policy its repository declares.
    public func match(_ file: SOPSFile, relativePath: String) -> SOPSRuleMatch {
        let origin = Origin(file: file.path, line: 1, column: 1)
        let found: SOPSCreationRule?
        switch firstMatch(for: relativePath) {
        case .failure(let error):
            return SOPSRuleMatch(ruleIndex: nil, recipientsMatch: nil, cryptRuleMatch: nil,
                                 findings: [SOPSFinding(.invalidPathRegex, origin: Origin(file: path, line: 1, column: 1), message: error.message)])
        case .success(let rule): found = rule
        }
        guard let rule = found else {
            return SOPSRuleMatch(ruleIndex: nil, recipientsMatch: nil, cryptRuleMatch: nil, findings: [
                SOPSFinding(.noCreationRule, origin: origin, message: "no creation rule of \(path) matches \(relativePath)"),
            ])
        }
        guard let metadata = file.metadata else {
            return SOPSRuleMatch(ruleIndex: rule.index, recipientsMatch: nil, cryptRuleMatch: nil, findings: [])
        }
        let fileGroups = metadata.keyGroups.map(\.recipientSet).filter { !$0.isEmpty }
        let recipientsMatch = SOPSCreationRules.sameGroups(fileGroups, rule.keyGroups.filter { !$0.isEmpty })
        let cryptRuleMatch = metadata.cryptRule == rule.cryptRule
        var findings: [SOPSFinding] = []
        let metadataOrigin = metadata.origin
        if !recipientsMatch {
            findings.append(SOPSFinding(.recipientsDifferFromRule, path: "sops", origin: metadataOrigin,
                                        message: "the file's master keys differ from creation rule \(rule.index) of \(path)"))
        }
        if !cryptRuleMatch {
            findings.append(SOPSFinding(.cryptRuleDiffersFromRule, path: "sops", origin: metadataOrigin,
                                        message: "the file uses \(metadata.cryptRule) but creation rule \(rule.index) of \(path) asks for \(rule.cryptRule)"))
        }
        return SOPSRuleMatch(ruleIndex: rule.index, recipientsMatch: recipientsMatch, cryptRuleMatch: cryptRuleMatch, findings: findings)
    }

    static func sameGroups(_ a: [Set<SOPSRecipient>], _ b: [Set<SOPSRecipient>]) -> Bool {
        func key(_ group: Set<SOPSRecipient>) -> String { group.map(\.description).sorted().joined(separator: ",") }
        return a.map(key).sorted() == b.map(key).sorted()
    }
}
