/// In-place edits of a node's children. Pulling the array out of the enum payload and writing it
/// back would leave two references during the edit and make copy-on-write duplicate the whole
/// array at every level of a path walk; parking a placeholder in the node first avoids that.
enum NodeEdit {
    static func entries<E: Error>(of node: inout Node, _ body: (inout [Node.Entry]) throws(E) -> Void) throws(E) {
        guard case .mapping(var entries) = node.value else { return }
        node.value = .sequence([])
        defer { node.value = .mapping(entries) }
        try body(&entries)
    }

    static func elements<E: Error>(of node: inout Node, _ body: (inout [Node]) throws(E) -> Void) throws(E) {
        guard case .sequence(var items) = node.value else { return }
        node.value = .sequence([])
        defer { node.value = .sequence(items) }
        try body(&items)
    }

    /// Sets `key` in a mapping (appending a new key), keeping the position of an existing one.
    static func set(_ key: String, to value: Node, in node: inout Node) {
        entries(of: &node) { entries in
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = value
            } else {
                entries.append(Node.Entry(key: key, value: value))
            }
        }
    }

    /// A string scalar that replaces `old`, stamped with `origin` (or, lacking one, the old
    /// node's position) and marked as written by `step`.
    static func string(_ text: String, replacing old: Node?, origin: Origin?, step: String) -> Node {
        .string(text, origin: (origin ?? old?.origin)?.changed(by: step))
    }
}
