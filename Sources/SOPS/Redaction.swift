/// Types that hold ciphertext (values, wrapped data keys, the stored MAC) describe themselves
/// without it, so `print`, string interpolation or a test failure cannot leak it.
extension SOPSFile: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "SOPSFile(\(path), \(documents.count) document(s), \(isEncrypted ? "encrypted" : "not encrypted"))"
    }

    public var customMirror: Mirror { Mirror(self, children: ["path": path, "isEncrypted": isEncrypted]) }
}

extension SOPSMetadata: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "SOPSMetadata(\(recipients.count) recipient(s), \(cryptRule), mac: \(mac == nil ? "missing" : "present"))"
    }

    public var customMirror: Mirror { Mirror(self, children: ["recipients": recipients.map(\.description)]) }
}

extension SOPSKeyGroup.AgeEntry: CustomStringConvertible, CustomReflectable {
    public var description: String { "age entry for \(recipient)" }
    public var customMirror: Mirror { Mirror(self, children: ["recipient": recipient]) }
}

extension SOPSNode: CustomStringConvertible {
    public var description: String {
        switch value {
        case .scalar(let scalar): "\(scalar) at \(origin.line):\(origin.column)"
        case .mapping(let entries): "mapping of \(entries.count) at \(origin.line):\(origin.column)"
        case .sequence(let items): "sequence of \(items.count) at \(origin.line):\(origin.column)"
        }
    }
}
