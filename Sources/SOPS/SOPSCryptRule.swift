import CEL

/// Which values sops encrypts (README §1.4). At most one per file; none means the default
/// `unencrypted_suffix: _unencrypted`.
public enum SOPSCryptRule: Sendable, Hashable, CustomStringConvertible {
    case unencryptedSuffix(String)
    case encryptedSuffix(String)
    case unencryptedRegex(String)
    case encryptedRegex(String)
    case unencryptedCommentRegex(String)
    case encryptedCommentRegex(String)

    public static let `default` = SOPSCryptRule.unencryptedSuffix("_unencrypted")

    /// The metadata / `.sops.yaml` key names, in sops' order.
    public static let keys = ["unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex",
                              "unencrypted_comment_regex", "encrypted_comment_regex"]

    init?(key: String, value: String) {
        switch key {
        case "unencrypted_suffix": self = .unencryptedSuffix(value)
        case "encrypted_suffix": self = .encryptedSuffix(value)
        case "unencrypted_regex": self = .unencryptedRegex(value)
        case "encrypted_regex": self = .encryptedRegex(value)
        case "unencrypted_comment_regex": self = .unencryptedCommentRegex(value)
        case "encrypted_comment_regex": self = .encryptedCommentRegex(value)
        default: return nil
        }
    }

    public var key: String {
        switch self {
        case .unencryptedSuffix: "unencrypted_suffix"
        case .encryptedSuffix: "encrypted_suffix"
        case .unencryptedRegex: "unencrypted_regex"
        case .encryptedRegex: "encrypted_regex"
        case .unencryptedCommentRegex: "unencrypted_comment_regex"
        case .encryptedCommentRegex: "encrypted_comment_regex"
        }
    }

    public var value: String {
        switch self {
        case .unencryptedSuffix(let v), .encryptedSuffix(let v), .unencryptedRegex(let v),
             .encryptedRegex(let v), .unencryptedCommentRegex(let v), .encryptedCommentRegex(let v): v
        }
    }

    public var description: String { "\(key): \(value)" }

    /// Comment rules decide by the comments above a value, which this tool does not model.
    public var dependsOnComments: Bool {
        switch self {
        case .unencryptedCommentRegex, .encryptedCommentRegex: true
        default: false
        }
    }
}

/// A crypt rule ready to answer "is this path encrypted?" the way `shouldBeEncrypted` does:
/// the rule is applied to every key on the path; regexes are Go RE2, unanchored.
struct CryptRuleMatcher {
    let rule: SOPSCryptRule
    private let regex: PCRE2Regex?

    init(_ rule: SOPSCryptRule) throws(RegexError) {
        self.rule = rule
        switch rule {
        case .unencryptedRegex(let pattern), .encryptedRegex(let pattern):
            regex = try PCRE2Regex(pattern)
        default:
            regex = nil
        }
    }

    /// sops ignores regexp errors when deciding (`matched, _ := regexp.Match(…)`): a pattern
    /// that does not compile simply never matches.
    init(lenient rule: SOPSCryptRule) {
        self.rule = rule
        switch rule {
        case .unencryptedRegex(let pattern), .encryptedRegex(let pattern):
            regex = try? PCRE2Regex(pattern)
        default:
            regex = nil
        }
    }

    /// True if a value at `keys` must be encrypted; nil when the rule depends on comments.
    func shouldEncrypt(_ keys: [String]) -> Bool? {
        switch rule {
        case .unencryptedSuffix(let suffix): return !keys.contains { $0.hasSuffix(suffix) }
        case .encryptedSuffix(let suffix): return keys.contains { $0.hasSuffix(suffix) }
        case .unencryptedRegex: return !keys.contains(where: matches)
        case .encryptedRegex: return keys.contains(where: matches)
        case .unencryptedCommentRegex, .encryptedCommentRegex: return nil
        }
    }

    private func matches(_ key: String) -> Bool {
        // A pattern that runs away is treated as no match, as sops ignores regexp errors here.
        (try? regex?.matches(key)) ?? false
    }
}
