/// kustomize's built-in field transformers (namespace, name prefix/suffix, labels, annotations,
/// images, replicas) and the final name-reference fix-up. Each works on a whole ResourceMap,
/// records old ids before renaming, and stamps what it writes with the kustomization field that
/// asked for it and the step's name.
public enum Transformers {}

extension Transformers {
    /// A string-valued configuration field read the way kustomize reads its config structs
    /// (YAML → JSON → a Go string field): numbers and booleans become their canonical text, so
    /// `newTag: 1.10` means "1.1" and `count: 0x10` means "16".
    static func configString(_ node: Node?) -> String? {
        guard let scalar = node?.scalar else { return nil }
        switch scalar.tag {
        case .null:
            return nil
        case .string:
            return scalar.text
        case .bool:
            return scalar.text.lowercased()
        case .int:
            guard let value = ScalarResolver.integerValue(String(scalar.text.filter { $0 != "_" })) else { return scalar.text }
            return String(value)
        case .float:
            return goFloatText(scalar.text)
        }
    }

    /// Go's `strconv.FormatFloat(v, 'g', -1, 32)`, which sigs.k8s.io/yaml uses for floats bound
    /// to strings: the shortest single-precision digits, in exponent form below 1e-4 or from 1e6.
    static func goFloatText(_ text: String) -> String {
        let cleaned = text.filter { $0 != "_" }
        switch cleaned.lowercased() {
        case ".inf", "+.inf": return "+Inf"
        case "-.inf": return "-Inf"
        case ".nan": return "NaN"
        default: break
        }
        guard let double = Double(cleaned) else { return text }
        let value = Float(double)
        guard value.isFinite else { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0" }
        // Swift prints the same shortest round-trip digits; only the layout differs from Go's.
        var mantissa = "\(abs(value))"
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(mantissa[mantissa.index(after: e)...]) ?? 0
            mantissa = String(mantissa[..<e])
        }
        let halves = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(halves[0] + (halves.count > 1 ? halves[1] : ""))
        var point = halves[0].count + exponent
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let power = point - 1
        if power < -4 || power >= 6 {
            let fraction = digits.count > 1 ? "." + String(digits.dropFirst()) : ""
            let magnitude = abs(power) < 10 ? "0\(abs(power))" : "\(abs(power))"
            return sign + String(digits[0]) + fraction + "e" + (power < 0 ? "-" : "+") + magnitude
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }

    /// A `map[string]string` field of a kustomization or plugin config, in file order.
    static func stringPairs(_ node: Node?, field: String) throws(RenderError) -> [(key: String, value: String)] {
        guard let node, !node.isNull else { return [] }
        guard node.isMapping else {
            throw RenderError(.invalid, "'\(field)' must be a map of strings", at: node.origin)
        }
        return node.entries.map { ($0.key, configString($0.value) ?? "") }
    }

    /// A boolean flag of a kustomization or plugin config; absent means false.
    static func flag(_ node: Node?, field: String) throws(RenderError) -> Bool {
        guard let node, !node.isNull else { return false }
        guard let scalar = node.scalar, scalar.tag == .bool else {
            throw RenderError(.invalid, "'\(field)' must be true or false", at: node.origin)
        }
        return scalar.text.lowercased() == "true"
    }

    /// kustomize skips objects that are null or `{}`.
    static func isEmptyObject(_ resource: Resource) -> Bool {
        resource.node.isNull || (resource.node.isMapping && resource.node.entries.isEmpty)
    }
}

extension RenderError {
    /// The same error with context in front of its message, placed at `origin` when it has no place yet.
    func prefixed(_ context: String, at origin: Origin?) -> RenderError {
        var error = location == nil ? RenderError(kind, message, at: origin) : self
        error.message = context + message
        return error
    }
}
