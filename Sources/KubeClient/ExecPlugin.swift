import Foundation

/// A `users[].user.exec` entry: a command that prints an `ExecCredential`.
public struct ExecConfig: Sendable, Equatable {
    public struct EnvVar: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    public var command: String
    public var args: [String]
    public var env: [EnvVar]
    /// `client.authentication.k8s.io/v1` or `…/v1beta1`; the credential must answer in the same version.
    public var apiVersion: String
    public var provideClusterInfo: Bool
    public var interactiveMode: String?
    public var installHint: String?

    public init(command: String, args: [String] = [], env: [EnvVar] = [],
                apiVersion: String = "client.authentication.k8s.io/v1", provideClusterInfo: Bool = false,
                interactiveMode: String? = nil, installHint: String? = nil) {
        self.command = command
        self.args = args
        self.env = env
        self.apiVersion = apiVersion
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
        self.installHint = installHint
    }
}

/// What a plugin returned: a bearer token or a client certificate, valid until `expiration`.
public struct ExecCredential: Sendable, CustomStringConvertible, CustomReflectable {
    public var token: String?
    public var identity: ClientIdentity?
    public var expiration: Date?

    public var description: String {
        (token != nil ? "token" : "client certificate") + (expiration.map { " until \($0)" } ?? "")
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

/// Runs an exec credential plugin and caches its answer until it expires (or until the server
/// rejects it: `invalidate()`). Shared by every request to the target, so it is a locked class.
public final class ExecPlugin: @unchecked Sendable {
    public let config: ExecConfig
    /// The kubeconfig that declared it: relative commands resolve against its directory.
    public let configFile: String
    /// `spec.cluster` for `provideClusterInfo`.
    let cluster: JSON?
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var cached: ExecCredential?
    private var runs = 0

    public init(config: ExecConfig, configFile: String, cluster: JSON? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.configFile = configFile
        self.cluster = cluster
        self.now = now
    }

    /// How many times the command has run (tests check the cache with it).
    public var runCount: Int { lock.withLock { runs } }

    /// A cached credential while it is still valid, else a fresh one from the plugin.
    /// Serialised so that parallel requests start the plugin once, not once each.
    public func credential() throws(KubeConfigError) -> ExecCredential {
        lock.lock()
        defer { lock.unlock() }
        if let cached, cached.expiration.map({ now() < $0 }) ?? true { return cached }
        cached = nil
        runs += 1
        let fresh = try run()
        cached = fresh
        return fresh
    }

    /// Forgets the cached credential, as client-go does after a 401.
    public func invalidate() { lock.withLock { cached = nil } }

    private func fail(_ message: String) -> KubeConfigError {
        var text = message
        if let hint = config.installHint, !hint.isEmpty { text += " (\(hint))" }
        return KubeConfigError(.execFailed, file: configFile, field: "exec \(config.command)", text)
    }

    var execInfo: JSON {
        var spec: [(key: String, value: JSON)] = [(key: "interactive", value: .bool(false))]
        if config.provideClusterInfo, let cluster { spec.append((key: "cluster", value: cluster)) }
        return .object([(key: "apiVersion", value: .string(config.apiVersion)),
                         (key: "kind", value: .string("ExecCredential")),
                         (key: "spec", value: .object(spec))])
    }

    private func run() throws(KubeConfigError) -> ExecCredential {
        let process = Process()
        var command = config.command
        // client-go: a relative path with a slash is relative to the kubeconfig; a bare name uses PATH.
        if command.contains("/"), !command.hasPrefix("/") {
            command = (configFile as NSString).deletingLastPathComponent + "/" + command
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + config.args
        var environment = ProcessInfo.processInfo.environment
        for variable in config.env { environment[variable.name] = variable.value }
        environment["KUBERNETES_EXEC_INFO"] = execInfo.text
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw fail("could not start the plugin") }
        // Drain stderr concurrently so a chatty plugin cannot block on a full pipe.
        let errorBox = ErrorOutput()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            let detail = String(decoding: errorBox.data.prefix(300), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw fail("the plugin exited with status \(process.terminationStatus)" + (detail.isEmpty ? "" : ": \(detail)"))
        }
        return try parse(Array(output))
    }

    /// Reads an `ExecCredential` document; errors never quote it (it holds the secret).
    func parse(_ output: [UInt8]) throws(KubeConfigError) -> ExecCredential {
        guard let document = try? JSON.parse(output) else { throw fail("the plugin's output is not JSON") }
        guard document["kind"]?.string == "ExecCredential" else { throw fail("the plugin's output is not an ExecCredential") }
        guard document["apiVersion"]?.string == config.apiVersion else {
            throw fail("the plugin answered in \(document["apiVersion"]?.string ?? "no apiVersion"), expected \(config.apiVersion)")
        }
        guard let status = document["status"] else { throw fail("the ExecCredential has no status") }
        var credential = ExecCredential()
        if let token = status["token"]?.string, !token.isEmpty { credential.token = token }
        let certificate = status["clientCertificateData"]?.string, key = status["clientKeyData"]?.string
        if let certificate, let key, !certificate.isEmpty, !key.isEmpty {
            credential.identity = ClientIdentity(certificate: Array(certificate.utf8), key: Array(key.utf8))
        } else if (certificate ?? "").isEmpty != (key ?? "").isEmpty {
            throw fail("the ExecCredential has only one of clientCertificateData and clientKeyData")
        }
        guard credential.token != nil || credential.identity != nil else {
            throw fail("the ExecCredential has neither a token nor a client certificate")
        }
        if let stamp = status["expirationTimestamp"]?.string {
            guard let date = RFC3339.date(stamp) else { throw fail("expirationTimestamp is not RFC 3339") }
            credential.expiration = date
        }
        return credential
    }
}

private final class ErrorOutput: @unchecked Sendable {
    var data = Data()
}

enum RFC3339 {
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
