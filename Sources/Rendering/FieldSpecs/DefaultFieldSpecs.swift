/// Reads the compact tables of kustomize's defaults (see the `DefaultFieldSpecs+…` files).
enum DefaultFieldSpecs {
    /// Lines of `Kind[.version[.group]] path [+]`.
    static func specs(_ table: String) -> [FieldSpec] {
        table.split(separator: "\n").compactMap { spec(String($0)) }
    }

    /// Unindented `Kind[.version[.group]]:` lines name a referral kind; indented lines under it
    /// are the fields that refer to it.
    static func backReferences(_ table: String) -> [NameBackReference] {
        var result: [NameBackReference] = []
        for line in table.split(separator: "\n") {
            if line.first == " " {
                if let spec = spec(String(line)), !result.isEmpty { result[result.count - 1].referrers.append(spec) }
            } else if line.hasSuffix(":") {
                result.append(NameBackReference(gvk: gvk(String(line.dropLast())), referrers: []))
            }
        }
        return result
    }

    private static func spec(_ line: String) -> FieldSpec? {
        let words = line.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return nil }
        return FieldSpec(gvk: gvk(words[0]), path: words[1], create: words.count > 2 && words[2] == "+")
    }

    /// `Kind.version.group`; the group keeps any further dots.
    private static func gvk(_ selector: String) -> GVK {
        if selector == "*" { return GVK() }
        let parts = selector.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        return GVK(group: parts.count > 2 ? parts[2] : "", version: parts.count > 1 ? parts[1] : "", kind: parts[0])
    }
}
