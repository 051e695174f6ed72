import Diagnostics

/// Why a build failed, with the place a user must look at. `message` follows kustomize's wording
/// where a test suite or user scripts depend on it.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A file, directory or kustomization named by a build input does not exist.
        case missing
        /// A path leaves the directory the load restrictor allows.
        case loadRestriction
        /// The kustomization file or an input it names is malformed or contradictory.
        case invalid
        /// Two resources with one id, or a merge target that does not exist.
        case conflict
        /// A patch, replacement or variable could not be applied.
        case transform
        /// A feature we do not render (helmCharts, plugins, remote bases).
        case unsupported
        /// A unit reads a source that is not this repository (another Git repository, an OCI
        /// artifact), so it is not rendered.
        case foreignSource
        /// A cycle of kustomizations.
        case cycle
        /// Flux post-build substitution failed.
        case substitution
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public init(_ kind: Kind, _ message: String, at origin: Origin?) {
        self.init(kind, message, at: origin.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column) })
    }

    public var description: String {
        guard let location else { return message }
        return "\(location.file):\(location.line):\(location.column): \(message)"
    }
}
