/// A place in objects of some kinds that a transformer edits (kustomize's `types.FieldSpec`):
/// `path` is '/'-separated; sequences on the way are entered element by element.
public struct FieldSpec: Sendable, Hashable {
    public var gvk: GVK
    /// Path segments; a '/' inside a key is written `\/` in the source form.
    public var path: [String]
    /// Whether a missing field is created.
    public var create: Bool

    public init(gvk: GVK = GVK(), path: [String], create: Bool = false) {
        self.gvk = gvk
        self.path = path
        self.create = create
    }

    /// Parses `spec/template/metadata/labels`, honouring `\/` escapes.
    public init(gvk: GVK = GVK(), path: String, create: Bool = false) {
        self.init(gvk: gvk, path: FieldSpec.segments(of: path), create: create)
    }

    public static func segments(of path: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var escaped = false
        for character in path {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "/" {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        return segments.filter { !$0.isEmpty }
    }

    /// Whether this spec applies to an object of `gvk`.
    public func applies(to gvk: GVK) -> Bool { gvk.isSelected(by: self.gvk) }
}
