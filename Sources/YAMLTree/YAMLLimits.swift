/// Bounds that keep hostile input from costing more than its size.
public struct YAMLLimits: Sendable {
    /// Deepest collection nesting accepted; real manifests stay below 30.
    public var maxDepth: Int
    /// Most nodes a document may expand to once aliases are followed (billion-laughs guard).
    public var maxExpandedNodes: Int

    public init(maxDepth: Int = 256, maxExpandedNodes: Int = 1_000_000) {
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let `default` = YAMLLimits()
}
