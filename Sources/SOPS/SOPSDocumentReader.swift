import Rendering
import YAMLTree

/// The store a file is read with; sops picks it from the file extension.
public enum SOPSFormat: Sendable, Hashable {
    case yaml, json

    /// sops' choice: `.json` files use the JSON store, everything else here the YAML one.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

/// Turns YAMLTree documents into SOPS trees. YAMLTree rather than Rendering's `Node` because the
/// MAC needs the exact go-yaml v3 type of every plaintext value, including timestamps (which
/// kustomize keeps as strings), and each value's scalar style and explicit tag to get it.
/// JSON is parsed by the same front-end (JSON is YAML) but typed as `encoding/json` does:
/// every number is a float64.
enum SOPSDocumentReader {
    static let maximumDepth = 200

    static func read(_ node: YAMLNode, format: SOPSFormat, depth: Int = 0) -> SOPSNode {
        let origin = Origin(file: node.document.file, line: node.line, column: node.column)
        guard depth < maximumDepth else {
            return SOPSNode(.scalar(SOPSScalar(text: "", type: .null)), origin: origin)
        }
        switch node.kind {
        case .scalar:
            let text = node.scalar ?? ""
            return SOPSNode(.scalar(SOPSScalar(text: text, type: type(of: node, text: text, format: format))), origin: origin)
        case .sequence:
            return SOPSNode(.sequence(node.elements.map { read($0, format: format, depth: depth + 1) }), origin: origin)
        case .mapping:
            let entries = node.entries.map { key, value in
                let keyText = key.scalar ?? ""
                let keyType = key.isScalar ? type(of: key, text: keyText, format: format) : .null
                return SOPSEntry(key: keyText, keyIsString: key.isScalar && keyType == .string,
                                 value: read(value, format: format, depth: depth + 1))
            }
            return SOPSNode(.mapping(entries), origin: origin)
        }
    }

    static func type(of node: YAMLNode, text: String, format: SOPSFormat) -> SOPSScalarType {
        if let tag = node.tag {
            switch tag {
            case "tag:yaml.org,2002:str", "!!str", "!": return .string
            case "tag:yaml.org,2002:int", "!!int": return .int
            case "tag:yaml.org,2002:float", "!!float": return .float
            case "tag:yaml.org,2002:bool", "!!bool": return .bool
            case "tag:yaml.org,2002:null", "!!null": return .null
            case "tag:yaml.org,2002:timestamp", "!!timestamp": return .timestamp
            default: break
            }
        }
        guard node.style == .plain else { return .string }
        switch format {
        case .json:
            switch text {
            case "null": return .null
            case "true", "false": return .bool
            default: return .float
            }
        case .yaml:
            if GoTime.parseYAMLTimestamp(text) != nil { return .timestamp }
            switch ScalarResolver.resolve(text) {
            case .string: return .string
            case .int: return .int
            case .float: return .float
            case .bool: return .bool
            case .null: return .null
            }
        }
    }
}
