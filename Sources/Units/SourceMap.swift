import Model

/// Decides which unit sources are this repository, and where their root is in it.
/// Flux's bootstrap source (`flux-system`) is this repository; a source whose URL is the
/// bootstrap's URL is too; anything else must be mapped explicitly, never guessed.
public struct SourceMap: Sendable {
    /// `Kind/name` or `name` to a directory of this repository.
    public var explicit: [String: String]
    /// Normalised URLs known to be this repository.
    public var repositoryURLs: Set<String>

    public init(explicit: [String: String] = [:], repositoryURLs: [String] = []) {
        self.explicit = explicit
        self.repositoryURLs = Set(repositoryURLs.map(Self.normalise))
    }

    /// The local root of a Flux source reference, or nil when it is not this repository.
    func root(ofSource kind: String?, name: String, declared: [String: FluxSource]) -> String? {
        if let kind, let mapped = explicit["\(kind)/\(name)"] { return mapped }
        if let mapped = explicit[name] { return mapped }
        if name == "flux-system" { return "" }
        if let url = declared[name]?.url, repositoryURLs.contains(Self.normalise(url)) { return "" }
        return nil
    }

    func isRepository(url: String?) -> Bool {
        guard let url else { return false }
        return repositoryURLs.contains(Self.normalise(url))
    }

    /// `git@github.com:o/r.git`, `ssh://git@github.com/o/r`, `https://github.com/o/r.git/`
    /// all become `github.com/o/r`.
    public static func normalise(_ url: String) -> String {
        var text = String(url.lowercased().filter { !$0.isWhitespace })
        for scheme in ["https://", "http://", "ssh://", "git://", "oci://"] where text.hasPrefix(scheme) {
            text.removeFirst(scheme.count)
        }
        if let at = text.firstIndex(of: "@"), !text[..<at].contains("/") { text = String(text[text.index(after: at)...]) }
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            let rest = text[text.index(after: colon)...]
            if !(rest.first?.isNumber ?? false) { text = text[..<colon] + "/" + rest }
        }
        while text.hasSuffix("/") { text.removeLast() }
        if text.hasSuffix(".git") { text.removeLast(4) }
        return text
    }
}

