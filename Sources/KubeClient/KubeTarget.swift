/// Everything needed to talk to one API server: what `KubeConfig.load` resolves a context to.
/// Secret material is held as bytes and never printed: `description` and `dump` show only its presence.
public struct KubeTarget: Sendable, CustomStringConvertible, CustomReflectable {
    /// `https://host:port[/prefix]`, without a trailing slash.
    public var server: String
    public var contextName: String
    public var clusterName: String
    public var userName: String
    /// The context's namespace, or "default" as kubectl assumes.
    public var namespace: String
    public var tls: TLSSettings
    public var credentials: Credentials

    public init(server: String, contextName: String = "", clusterName: String = "", userName: String = "",
                namespace: String = "default", tls: TLSSettings = TLSSettings(), credentials: Credentials = Credentials()) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.namespace = namespace
        self.tls = tls
        self.credentials = credentials
    }

    public var description: String {
        "context \(contextName.isEmpty ? "(none)" : contextName) → \(server) as \(userName.isEmpty ? "(anonymous)" : userName)"
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

/// How the server's certificate is checked and how we reach it.
public struct TLSSettings: Sendable, Equatable {
    /// PEM bundle of trusted CAs; nil means the system store.
    public var certificateAuthority: [UInt8]?
    public var insecureSkipVerify: Bool
    /// SNI and verification name when it differs from the URL's host.
    public var serverName: String?
    public var proxyURL: String?

    public init(certificateAuthority: [UInt8]? = nil, insecureSkipVerify: Bool = false,
                serverName: String? = nil, proxyURL: String? = nil) {
        self.certificateAuthority = certificateAuthority
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
        self.proxyURL = proxyURL
    }
}

/// A client certificate and its private key, both PEM.
public struct ClientIdentity: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public var certificate: [UInt8]
    public var key: [UInt8]

    public init(certificate: [UInt8], key: [UInt8]) {
        self.certificate = certificate
        self.key = key
    }

    public var description: String { "client certificate (redacted)" }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

/// The user's credentials from kubeconfig. All forms may coexist, as in client-go: a client
/// certificate authenticates the TLS connection, a token or basic auth goes in `Authorization`,
/// and an exec plugin supplies either at request time.
public struct Credentials: Sendable, CustomStringConvertible, CustomReflectable {
    public var identity: ClientIdentity?
    public var token: String?
    /// Where `token` came from, so it can be re-read when the server rejects it (rotation).
    public var tokenFile: String?
    public var username: String?
    public var password: String?
    public var exec: ExecPlugin?

    public init(identity: ClientIdentity? = nil, token: String? = nil, tokenFile: String? = nil,
                username: String? = nil, password: String? = nil, exec: ExecPlugin? = nil) {
        self.identity = identity
        self.token = token
        self.tokenFile = tokenFile
        self.username = username
        self.password = password
        self.exec = exec
    }

    /// Which kinds are present, never their values.
    public var description: String {
        var kinds: [String] = []
        if identity != nil { kinds.append("client certificate") }
        if token != nil { kinds.append(tokenFile == nil ? "token" : "token file") }
        if username != nil { kinds.append("basic") }
        if exec != nil { kinds.append("exec plugin") }
        return kinds.isEmpty ? "no credentials" : kinds.joined(separator: ", ")
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
