/// A kubeconfig that cannot be used. Names the file and field at fault, never a credential's value.
public struct KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case unreadable, invalid, noContext, contextNotFound, clusterNotFound, userNotFound,
             unsupported, execFailed
    }

    public var kind: Kind
    /// The kubeconfig file (or plugin command) the problem is in; empty when no file applies.
    public var file: String
    /// Dotted field path such as `users[admin].user.client-key-data`; empty when not one field.
    public var field: String
    public var message: String

    public init(_ kind: Kind, file: String, field: String = "", _ message: String) {
        self.kind = kind
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        var where_ = file
        if !field.isEmpty { where_ += where_.isEmpty ? field : ": \(field)" }
        return where_.isEmpty ? "kubeconfig: \(message)" : "kubeconfig \(where_): \(message)"
    }
}
