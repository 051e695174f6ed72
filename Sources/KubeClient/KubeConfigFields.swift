import Foundation
import Rendering

/// Reading helpers shared by cluster and user entries: scalar fields, base64 data and files,
/// with errors that name the file and field but never the value.
struct EntryReader {
    let entry: ConfigEntry
    /// `clusters[prod].cluster` or `users[admin].user`.
    let prefix: String

    func error(_ field: String, _ message: String, kind: KubeConfigError.Kind = .invalid) -> KubeConfigError {
        KubeConfigError(kind, file: entry.file, field: "\(prefix).\(field)", message)
    }

    func text(_ field: String) -> String? {
        guard let value = entry.node[field]?.text, !value.isEmpty else { return nil }
        return value
    }

    func bool(_ field: String) throws(KubeConfigError) -> Bool {
        guard let node = entry.node[field], !node.isNull else { return false }
        switch node.text?.lowercased() {
        case "true": return true
        case "false": return false
        default: throw error(field, "expected true or false")
        }
    }

    /// Resolves against the kubeconfig's directory, as client-go does for every path field.
    func path(_ value: String) -> String {
        value.hasPrefix("/") ? value : entry.directory + "/" + value
    }

    /// `<name>-data` (base64, wins) or `<name>` (a file path).
    func bytes(data dataField: String, file fileField: String) throws(KubeConfigError) -> [UInt8]? {
        if let encoded = text(dataField) {
            guard let decoded = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters), !decoded.isEmpty else {
                throw error(dataField, "is not valid base64")
            }
            return Array(decoded)
        }
        if let file = text(fileField) {
            let resolved = path(file)
            guard let contents = FileManager.default.contents(atPath: resolved) else {
                throw error(fileField, "cannot read \(resolved)", kind: .unreadable)
            }
            return Array(contents)
        }
        return nil
    }
}

struct ClusterFields {
    let reader: EntryReader

    init(entry: ConfigEntry, name: String) {
        reader = EntryReader(entry: entry, prefix: "clusters[\(name)].cluster")
    }

    /// The server URL, TLS settings and the `spec.cluster` object exec plugins may ask for.
    func resolve() throws(KubeConfigError) -> (String, TLSSettings, JSON) {
        guard let server = reader.text("server") else { throw reader.error("server", "missing") }
        guard server.hasPrefix("https://") || server.hasPrefix("http://") else {
            throw reader.error("server", "must start with https:// or http://")
        }
        let authority = try reader.bytes(data: "certificate-authority-data", file: "certificate-authority")
        let insecure = try reader.bool("insecure-skip-tls-verify")
        if insecure && authority != nil {
            // client-go refuses this combination rather than guessing which one the user meant.
            throw reader.error("insecure-skip-tls-verify", "cannot be combined with a certificate authority")
        }
        let tls = TLSSettings(certificateAuthority: authority, insecureSkipVerify: insecure,
                              serverName: reader.text("tls-server-name"), proxyURL: reader.text("proxy-url"))
        var info: [(key: String, value: JSON)] = [(key: "server", value: .string(server))]
        if let name = tls.serverName { info.append((key: "tls-server-name", value: .string(name))) }
        if insecure { info.append((key: "insecure-skip-tls-verify", value: .bool(true))) }
        if let authority { info.append((key: "certificate-authority-data", value: .string(Data(authority).base64EncodedString()))) }
        if let proxy = tls.proxyURL { info.append((key: "proxy-url", value: .string(proxy))) }
        return (server, tls, .object(info))
    }
}

struct UserFields {
    let reader: EntryReader

    init(entry: ConfigEntry, name: String) {
        reader = EntryReader(entry: entry, prefix: "users[\(name)].user")
    }

    func resolve(clusterInfo: JSON) throws(KubeConfigError) -> Credentials {
        var credentials = Credentials()
        if reader.entry.node["auth-provider"].map({ !$0.isNull }) == true {
            throw reader.error("auth-provider", "legacy auth providers are not supported; use an exec plugin", kind: .unsupported)
        }
        let certificate = try reader.bytes(data: "client-certificate-data", file: "client-certificate")
        let key = try reader.bytes(data: "client-key-data", file: "client-key")
        switch (certificate, key) {
        case let (certificate?, key?): credentials.identity = ClientIdentity(certificate: certificate, key: key)
        case (.some, nil): throw reader.error("client-key", "a client certificate needs a client key")
        case (nil, .some): throw reader.error("client-certificate", "a client key needs a client certificate")
        case (nil, nil): break
        }
        if let token = reader.text("token") {
            credentials.token = token
        } else if let file = reader.text("tokenFile") {
            let resolved = reader.path(file)
            credentials.tokenFile = resolved
            credentials.token = try Self.readToken(resolved, reader: reader)
        }
        if let username = reader.text("username") {
            credentials.username = username
            credentials.password = reader.text("password") ?? ""
        }
        if let exec = reader.entry.node["exec"], !exec.isNull {
            credentials.exec = ExecPlugin(config: try execConfig(exec), configFile: reader.entry.file, cluster: clusterInfo)
        }
        return credentials
    }

    static func readToken(_ path: String, reader: EntryReader) throws(KubeConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw reader.error("tokenFile", "cannot read \(path)", kind: .unreadable)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func execConfig(_ node: Node) throws(KubeConfigError) -> ExecConfig {
        guard let command = node["command"]?.text, !command.isEmpty else { throw reader.error("exec.command", "missing") }
        guard let apiVersion = node["apiVersion"]?.text, !apiVersion.isEmpty else {
            throw reader.error("exec.apiVersion", "missing")
        }
        let supported = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]
        guard supported.contains(apiVersion) else {
            throw reader.error("exec.apiVersion", "\(apiVersion) is not supported (use v1 or v1beta1)", kind: .unsupported)
        }
        var env: [ExecConfig.EnvVar] = []
        for (index, item) in (node["env"]?.elements ?? []).enumerated() {
            guard let name = item["name"]?.text, !name.isEmpty else {
                throw reader.error("exec.env[\(index)].name", "missing")
            }
            env.append(.init(name: name, value: item["value"]?.text ?? ""))
        }
        let provide = node["provideClusterInfo"]?.text?.lowercased() == "true"
        return ExecConfig(command: command, args: node["args"]?.elements.compactMap(\.text) ?? [], env: env,
                          apiVersion: apiVersion, provideClusterInfo: provide,
                          interactiveMode: node["interactiveMode"]?.text, installHint: node["installHint"]?.text)
    }
}
