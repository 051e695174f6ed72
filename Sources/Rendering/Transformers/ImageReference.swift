/// One `images:` entry (kustomize's types.Image) and the matching and splitting of image
/// references exactly as kustomize's `image` package does it.
struct ImageRule {
    var name: String
    var newName: String?
    var newTag: String?
    var digest: String?
    /// kustomize uses `name` as a regular expression (unescaped), so `.` matches any character;
    /// a name that is not a valid expression matches nothing. Names whose only metacharacter is
    /// `.` (nearly all: registry hosts) are matched without the regex engine.
    private let pattern: Regex<AnyRegexOutput>?
    private let isPlain: Bool
    private static let metacharacters: Set<Character> = ["\\", "+", "*", "?", "(", ")", "|", "[", "]", "{", "}", "^", "$"]

    init(name: String, newName: String? = nil, newTag: String? = nil, digest: String? = nil) {
        self.name = name
        self.newName = newName?.isEmpty == true ? nil : newName
        self.newTag = newTag?.isEmpty == true ? nil : newTag
        self.digest = digest?.isEmpty == true ? nil : digest
        isPlain = !name.contains { Self.metacharacters.contains($0) }
        pattern = isPlain ? nil : RegexCache.regex("^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$")
    }

    init(parsing node: Node) throws(RenderError) {
        guard node.isMapping else {
            throw RenderError(.invalid, "an images entry must be a mapping with a 'name'", at: node.origin)
        }
        self.init(name: Transformers.configString(node["name"]) ?? "",
                  newName: Transformers.configString(node["newName"]),
                  newTag: Transformers.configString(node["newTag"]),
                  digest: Transformers.configString(node["digest"]))
    }

    /// Whether `image` (name, optional `:tag`, optional `@sha256:` digest) is this rule's image.
    func matches(_ image: String) -> Bool {
        if isPlain { return Self.matchesPlain(name: Array(name.unicodeScalars), image: Array(image.unicodeScalars)) }
        guard let pattern else { return false }
        return (try? pattern.firstMatch(in: image)) != nil
    }

    /// `^name(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$` where `.` in `name` is any character.
    private static func matchesPlain(name: [Unicode.Scalar], image: [Unicode.Scalar]) -> Bool {
        guard image.count >= name.count else { return false }
        for (index, scalar) in name.enumerated() where scalar != "." && image[index] != scalar { return false }
        var rest = image[name.count...]
        func isTagCharacter(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "_.{}-".unicodeScalars.contains(c)
        }
        if rest.first == ":" {
            rest = rest.dropFirst()
            while let c = rest.first, isTagCharacter(c) { rest = rest.dropFirst() }
        }
        let digestPrefix = Array("@sha256:".unicodeScalars)
        if rest.starts(with: digestPrefix) {
            rest = rest.dropFirst(digestPrefix.count)
            while let c = rest.first, isTagCharacter(c) { rest = rest.dropFirst() }
        }
        return rest.isEmpty
    }

    /// The rewritten reference: a new tag or digest replaces both the old tag and digest.
    func rewrite(_ image: String) -> String {
        var (name, tag, digest) = ImageRule.split(image)
        if let newName { name = newName }
        switch (newTag, self.digest) {
        case let (newTag?, newDigest?): (tag, digest) = (newTag, newDigest)
        case let (newTag?, nil): (tag, digest) = (newTag, "")
        case let (nil, newDigest?): (tag, digest) = ("", newDigest)
        case (nil, nil): break
        }
        var result = name
        if !tag.isEmpty { result += ":" + tag }
        if !digest.isEmpty { result += "@" + digest }
        return result
    }

    /// `[host[:port]/]path[:tag][@digest]` into its parts; a colon before the first slash is a port.
    static func split(_ image: String) -> (name: String, tag: String, digest: String) {
        let characters = Array(image)
        let firstSlash = characters.firstIndex(of: "/") ?? 0
        let searchStart = firstSlash > 0 ? firstSlash : 0
        let at = characters[searchStart...].firstIndex(of: "@")
        let colon = characters[searchStart...].firstIndex(of: ":")
        guard let at else {
            guard let colon else { return (image, "", "") }
            return (String(characters[..<colon]), String(characters[(colon + 1)...]), "")
        }
        guard let colon, colon < at else {
            return (String(characters[..<at]), "", String(characters[(at + 1)...]))
        }
        return (String(characters[..<colon]), String(characters[(colon + 1)..<at]), String(characters[(at + 1)...]))
    }
}
