/// Builds the ConfigMap or Secret a generator entry describes, as kustomize's
/// `generators.MakeConfigMap`/`MakeSecret` do.
enum GeneratedObject {
    static func resource(for args: GeneratorArgs, pairs: [KeyValue]) throws(RenderError) -> Resource {
        guard !args.name.isEmpty else {
            // kustomize says "configmap" for Secrets too.
            throw RenderError(.invalid, "a configmap must have a name", at: args.origin)
        }
        let origin = args.origin.changed(by: args.step)
        var node = Node.mapping([
            Node.Entry(key: "apiVersion", value: .string("v1", origin: origin)),
            Node.Entry(key: "kind", value: .string(args.kind.rawValue, origin: origin)),
        ], origin: origin)
        var metadata = Node.mapping([Node.Entry(key: "name", value: .string(args.name, origin: origin))], origin: origin)
        if !args.namespace.isEmpty {
            metadata["namespace"] = .string(args.namespace, origin: origin)
        }
        node["metadata"] = metadata
        let sorted = pairs.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        switch args.kind {
        case .configMap:
            // Text goes to `data`; bytes that are not UTF-8 go to `binaryData`, base64-encoded.
            for pair in sorted {
                if let text = String(validating: pair.bytes, as: UTF8.self) {
                    node[path: ["data", pair.key]] = .string(text, origin: pair.origin)
                } else {
                    node[path: ["binaryData", pair.key]] = .string(Base64.wrapped(pair.bytes), origin: pair.origin)
                }
            }
        case .secret:
            node["type"] = .string(args.secretType.flatMap { $0.isEmpty ? nil : $0 } ?? "Opaque", origin: origin)
            // A Secret always has `data`, even when empty.
            var data = Node.mapping(origin: origin)
            for pair in sorted { data[pair.key] = .string(Base64.wrapped(pair.bytes), origin: pair.origin) }
            node["data"] = data
        }
        if let options = args.options {
            for label in options.labels { node[path: ["metadata", "labels", label.key]] = label.value.changedBy(args.step) }
            for annotation in options.annotations {
                node[path: ["metadata", "annotations", annotation.key]] = annotation.value.changedBy(args.step)
            }
            if options.immutable { node["immutable"] = .scalar("true", tag: .bool, origin: origin) }
        }
        var resource = Resource(node: node, source: origin)
        resource.behavior = args.behavior ?? .create
        resource.needsHashSuffix = !(args.options?.disableNameSuffixHash ?? false)
        return resource
    }
}

extension Node {
    /// The same node with its origin marked as last set by `step`.
    func changedBy(_ step: String) -> Node {
        var copy = self
        copy.origin = origin?.changed(by: step)
        return copy
    }
}

/// Standard base64, broken into 70-character lines each ending in a newline once the encoding
/// reaches 70 characters (kyaml's `encodeBase64`, which the hash and the output both see).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encoded(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((chunk >> UInt32(shift)) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(alphabet[Int((chunk >> 18) & 63)])
            out.append(alphabet[Int((chunk >> 12) & 63)])
            out.append(rest == 2 ? alphabet[Int((chunk >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return out
    }

    static func wrapped(_ bytes: [UInt8]) -> String {
        let encoded = encoded(bytes)
        let lineLength = 70
        guard encoded.count >= lineLength else { return String(decoding: encoded, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / lineLength + 1)
        var start = 0
        while start < encoded.count {
            let end = min(start + lineLength, encoded.count)
            out += encoded[start..<end]
            out.append(UInt8(ascii: "\n"))
            start = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}
