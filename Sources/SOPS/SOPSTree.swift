import Rendering

/// How sops' store typed a scalar. The type decides the bytes fed to the MAC (README §1.2), so it
/// follows go-yaml v3 for YAML files and `encoding/json` for JSON files, not kustomize's view.
public enum SOPSScalarType: Sendable, Hashable {
    case string, int, float, bool, null, timestamp
}

/// A leaf as written in the file. Its text may be ciphertext or a plaintext secret, so it never
/// describes itself: printing a tree or a finding cannot leak it.
public struct SOPSScalar: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let text: String
    public let type: SOPSScalarType

    public init(text: String, type: SOPSScalarType) {
        self.text = text
        self.type = type
    }

    public var description: String { "<\(type) value>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["type": type]) }
}

/// One node of a SOPS document: the tree sops walks, in file order, with positions.
public struct SOPSNode: Sendable {
    public enum Value: Sendable {
        case mapping([SOPSEntry])
        case sequence([SOPSNode])
        case scalar(SOPSScalar)
    }

    public var value: Value
    public var origin: Origin

    public init(_ value: Value, origin: Origin) {
        self.value = value
        self.origin = origin
    }

    public var entries: [SOPSEntry] {
        if case .mapping(let entries) = value { return entries }
        return []
    }

    public var scalar: SOPSScalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    public var isMapping: Bool {
        if case .mapping = value { return true }
        return false
    }

    public subscript(key: String) -> SOPSNode? {
        entries.first { $0.key == key }?.value
    }

    /// The text of a non-null scalar.
    public var text: String? {
        guard let scalar, scalar.type != .null else { return nil }
        return scalar.text
    }
}

public struct SOPSEntry: Sendable {
    public var key: String
    /// False when the YAML key was not a string (`1:`, `true:`): sops refuses such trees.
    public var keyIsString: Bool
    public var value: SOPSNode

    public init(key: String, keyIsString: Bool = true, value: SOPSNode) {
        self.key = key
        self.keyIsString = keyIsString
        self.value = value
    }
}

/// A leaf reached by the walk, with the mapping keys leading to it (sequence indexes are not
/// part of sops' path) and a display path that does show them.
struct SOPSLeaf {
    var keys: [String]
    var displayPath: String
    var scalar: SOPSScalar
    var origin: Origin

    /// sops' additional data: keys joined by `:` plus a trailing `:`.
    var additionalData: String { keys.joined(separator: ":") + ":" }
}

extension SOPSNode {
    /// Every leaf in document order (depth first, keys in file order), the order of sops' walk.
    /// Mapping keys named `sops` at the top level are skipped, as sops removes them first.
    func leaves(skippingTopLevelSOPS: Bool = true) -> [SOPSLeaf] {
        var result: [SOPSLeaf] = []
        collect(into: &result, keys: [], display: "", topLevel: skippingTopLevelSOPS)
        return result
    }

    private func collect(into result: inout [SOPSLeaf], keys: [String], display: String, topLevel: Bool) {
        switch value {
        case .scalar(let scalar):
            result.append(SOPSLeaf(keys: keys, displayPath: display, scalar: scalar, origin: origin))
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                item.collect(into: &result, keys: keys, display: display + "[\(index)]", topLevel: false)
            }
        case .mapping(let entries):
            for entry in entries {
                if topLevel, entry.key == "sops" { continue }
                let path = display.isEmpty ? entry.key : display + ":" + entry.key
                entry.value.collect(into: &result, keys: keys + [entry.key], display: path, topLevel: false)
            }
        }
    }
}
