import Foundation

extension KubeAPIDouble {
    public struct KubeconfigError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes a kubeconfig (context `kube-double`, cluster and user of the same name)
    /// pointing at the running double, with an optional bearer token. The file is
    /// created with mode 0600 because it may hold a token.
    public func kubeconfig(at path: String, token: String? = nil, namespace: String? = nil) throws(KubeconfigError) {
        guard let url else { throw KubeconfigError(description: "the API double is not running") }
        var lines = [
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: kube-double",
            "  cluster:",
            "    server: \(Self.quoted(url.absoluteString))",
            "users:",
            "- name: kube-double",
        ]
        if let token {
            lines += ["  user:", "    token: \(Self.quoted(token))"]
        } else {
            lines += ["  user: {}"]
        }
        lines += ["contexts:", "- name: kube-double", "  context:", "    cluster: kube-double", "    user: kube-double"]
        if let namespace { lines.append("    namespace: \(Self.quoted(namespace))") }
        lines += ["current-context: kube-double", ""]
        let data = Data(lines.joined(separator: "\n").utf8)
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw KubeconfigError(description: "cannot write kubeconfig at \(path)")
        }
    }

    /// A YAML double-quoted scalar.
    private static func quoted(_ value: String) -> String {
        var output = ""
        JSONValue.writeString(value, to: &output)
        return output
    }
}
