/// Where one field of a rendered object came from: the leaf's path (`spec.template.spec.containers[0].image`)
/// and the file, position and step that last wrote it.
public struct FieldProvenance: Sendable, Hashable {
    public var path: String
    public var origin: Origin
}

extension Node {
    /// Every leaf (scalar, or empty collection) with its origin, in document order.
    public func fieldProvenance() -> [FieldProvenance] {
        var result: [FieldProvenance] = []
        collect(into: &result, path: "", inherited: origin)
        return result
    }

    private func collect(into result: inout [FieldProvenance], path: String, inherited: Origin?) {
        let here = origin ?? inherited
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            for entry in entries {
                let key = entry.key.contains(".") || entry.key.contains("[") ? "[\"\(entry.key)\"]" : entry.key
                let childPath = path.isEmpty ? key : (key.hasPrefix("[") ? path + key : path + "." + key)
                entry.value.collect(into: &result, path: childPath, inherited: here)
            }
        case .sequence(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                item.collect(into: &result, path: "\(path)[\(index)]", inherited: here)
            }
        default:
            if let here { result.append(FieldProvenance(path: path, origin: here)) }
        }
    }
}
