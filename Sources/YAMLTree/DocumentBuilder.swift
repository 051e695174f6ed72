import Diagnostics

/// Assembles one document's arena from parser events, enforcing depth and alias limits.
struct DocumentBuilder {
    enum Failure: Error {
        case tooDeep(line: Int, column: Int)
        case aliasBudget(line: Int, column: Int, anchor: String)
        case unknownAnchor(line: Int, column: Int, anchor: String, recursive: Bool)
    }

    private struct Frame {
        var node: Int32
        var scratchStart: Int
        var anchor: String?
    }

    let limits: YAMLLimits
    private(set) var records: [NodeRecord] = []
    private var children: [Int32] = []
    private var bytes: [UInt8] = []
    private var tags: [String] = []
    private var tagIndex: [String: Int32] = [:]
    /// Expanded size of each node, aliases followed: what a consumer walking the tree would visit.
    private var weights: [Int] = []
    private var anchors: [String: Int32] = [:]
    private var scratch: [Int32] = []
    private var frames: [Frame] = []
    private(set) var root: Int32 = -1
    /// Duplicate keys found so far, reported once the document is done.
    private(set) var duplicates: [(key: String, first: (Int, Int), second: (Int, Int))] = []

    init(limits: YAMLLimits) {
        self.limits = limits
        records.reserveCapacity(64)
    }

    mutating func scalar(_ value: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, tag: String?, anchor: String?,
                         start: (Int32, Int32), end: (Int32, Int32)) {
        let offset = Int32(bytes.count)
        bytes.append(contentsOf: value)
        let id = append(NodeRecord(kind: .scalar, style: style, line: start.0, column: start.1,
                                   endLine: end.0, endColumn: end.1, start: offset, count: Int32(value.count),
                                   tag: intern(tag)), weight: 1)
        if let anchor { anchors[anchor] = id }
        attach(id)
    }

    mutating func open(_ kind: YAMLNodeKind, tag: String?, anchor: String?, start: (Int32, Int32)) throws(Failure) {
        if frames.count >= limits.maxDepth {
            throw .tooDeep(line: Int(start.0), column: Int(start.1))
        }
        let id = append(NodeRecord(kind: kind, style: .plain, line: start.0, column: start.1,
                                   endLine: start.0, endColumn: start.1, start: 0, count: 0, tag: intern(tag)), weight: 1)
        frames.append(Frame(node: id, scratchStart: scratch.count, anchor: anchor))
    }

    mutating func close(end: (Int32, Int32)) throws(Failure) {
        guard let frame = frames.popLast() else { return }
        let first = children.count
        var weight = 1
        for child in scratch[frame.scratchStart...] {
            children.append(child)
            weight = min(weight &+ weights[Int(child)], Int.max / 4)
        }
        scratch.removeSubrange(frame.scratchStart...)
        let id = Int(frame.node)
        records[id].start = Int32(first)
        records[id].count = Int32(children.count - first)
        records[id].endLine = end.0
        records[id].endColumn = end.1
        weights[id] = weight
        if weight > limits.maxExpandedNodes {
            throw .aliasBudget(line: Int(records[id].line), column: Int(records[id].column), anchor: frame.anchor ?? "")
        }
        if records[id].kind == .mapping { findDuplicateKeys(first..<children.count) }
        if let anchor = frame.anchor { anchors[anchor] = frame.node }
        attach(frame.node)
    }

    mutating func alias(_ anchor: String, at start: (Int32, Int32)) throws(Failure) {
        guard let target = anchors[anchor] else {
            let recursive = frames.contains { $0.anchor == anchor }
            throw .unknownAnchor(line: Int(start.0), column: Int(start.1), anchor: anchor, recursive: recursive)
        }
        if weights[Int(target)] > limits.maxExpandedNodes {
            throw .aliasBudget(line: Int(start.0), column: Int(start.1), anchor: anchor)
        }
        attach(target)
    }

    func finish(file: String, index: Int, startLine: Int, endLine: Int) -> YAMLDocument {
        YAMLDocument(file: file, index: index, startLine: startLine, endLine: endLine,
                     records: records, children: children, bytes: bytes, tags: tags, rootID: root)
    }

    private mutating func append(_ record: NodeRecord, weight: Int) -> Int32 {
        records.append(record)
        weights.append(weight)
        return Int32(records.count - 1)
    }

    private mutating func attach(_ id: Int32) {
        if frames.isEmpty { root = id } else { scratch.append(id) }
    }

    private mutating func intern(_ tag: String?) -> Int32 {
        guard let tag else { return -1 }
        if let known = tagIndex[tag] { return known }
        tags.append(tag)
        let index = Int32(tags.count - 1)
        tagIndex[tag] = index
        return index
    }

    /// Small mappings compare pairwise (cheaper than hashing); large ones use a set.
    private mutating func findDuplicateKeys(_ range: Range<Int>) {
        let keys = stride(from: range.lowerBound, to: range.upperBound, by: 2).map { children[$0] }
            .filter { records[Int($0)].kind == .scalar }
        if keys.count < 2 { return }
        if keys.count <= 12 {
            for j in 1..<keys.count {
                for i in 0..<j where sameBytes(keys[i], keys[j]) {
                    recordDuplicate(keys[i], keys[j])
                    break
                }
            }
            return
        }
        var seen: [ArraySlice<UInt8>: Int32] = [:]
        for key in keys {
            let r = records[Int(key)]
            let slice = bytes[Int(r.start)..<Int(r.start + r.count)]
            if let first = seen[slice] { recordDuplicate(first, key) } else { seen[slice] = key }
        }
    }

    private func sameBytes(_ a: Int32, _ b: Int32) -> Bool {
        let ra = records[Int(a)], rb = records[Int(b)]
        guard ra.count == rb.count else { return false }
        return bytes[Int(ra.start)..<Int(ra.start + ra.count)] == bytes[Int(rb.start)..<Int(rb.start + rb.count)]
    }

    private mutating func recordDuplicate(_ first: Int32, _ second: Int32) {
        let f = records[Int(first)], s = records[Int(second)]
        let key = String(decoding: bytes[Int(s.start)..<Int(s.start + s.count)], as: UTF8.self)
        duplicates.append((key, (Int(f.line), Int(f.column)), (Int(s.line), Int(s.column))))
    }
}
