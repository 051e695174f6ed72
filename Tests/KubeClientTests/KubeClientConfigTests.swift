import Foundation
import Testing
@testable import KubeClient

/// A scratch directory for kubeconfig files, removed when the test ends.
final class ScratchDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "kubeclient-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) -> String {
        let file = path + "/" + name
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8),
                                       attributes: executable ? [.posixPermissions: 0o755] : nil)
        return file
    }
}

private func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

@Suite struct KubeClientConfigTests {
    @Test func currentContextResolvesClusterUserAndNamespace() throws {
        let dir = ScratchDirectory()
        let file = dir.write("config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: dev-cluster
              cluster:
                server: https://dev.example:6443/
                certificate-authority-data: \(base64("CA-PEM"))
                tls-server-name: kubernetes
            users:
            - name: dev-user
              user:
                token: sekrit-token
            contexts:
            - name: dev
              context: {cluster: dev-cluster, user: dev-user, namespace: apps}
            """)
        let target = try KubeConfig.load(paths: [file])
        #expect(target.server == "https://dev.example:6443")
        #expect(target.contextName == "dev")
        #expect(target.namespace == "apps")
        #expect(target.tls.certificateAuthority == Array("CA-PEM".utf8))
        #expect(target.tls.serverName == "kubernetes")
        #expect(target.credentials.token == "sekrit-token")
        // Secrets never reach descriptions or dumps.
        var dumped = ""
        dump(target, to: &dumped)
        #expect(!"\(target)".contains("sekrit") && !dumped.contains("sekrit") && !dumped.contains("CA-PEM"))
    }

    @Test func firstFileWinsWhenMerging() throws {
        let dir = ScratchDirectory()
        let first = dir.write("a/config", """
            current-context: one
            clusters:
            - name: shared
              cluster: {server: https://first.example}
            contexts:
            - name: one
              context: {cluster: shared}
            """)
        let second = dir.write("b/config", """
            current-context: two
            clusters:
            - name: shared
              cluster: {server: https://second.example}
            - name: other
              cluster: {server: https://other.example}
            contexts:
            - name: two
              context: {cluster: other}
            """)
        let environment = ["KUBECONFIG": "\(dir.path)/missing:\(first)::\(second)"]
        #expect(KubeConfig.defaultPaths(environment: environment) == ["\(dir.path)/missing", first, second])
        let merged = try KubeConfig.load(context: nil, environment: environment)
        #expect(merged.contextName == "one")
        #expect(merged.server == "https://first.example")
        #expect(merged.namespace == "default")
        let chosen = try KubeConfig.load(context: "two", environment: environment)
        #expect(chosen.server == "https://other.example")
        // An explicit path must exist.
        #expect(throws: KubeConfigError.self) { try KubeConfig.load(paths: ["\(dir.path)/missing"]) }
    }

    @Test func relativeFilesResolveAgainstTheirKubeconfig() throws {
        let dir = ScratchDirectory()
        dir.write("certs/ca.pem", "CA")
        dir.write("certs/client.pem", "CERT")
        dir.write("certs/client.key", "KEY")
        dir.write("certs/token", "file-token\n")
        let file = dir.write("kube/config", """
            current-context: c
            clusters:
            - name: k
              cluster: {server: https://k.example, certificate-authority: ../certs/ca.pem}
            users:
            - name: u
              user:
                client-certificate: ../certs/client.pem
                client-key: ../certs/client.key
                client-key-data: \(base64("KEY-DATA"))
                tokenFile: ../certs/token
            contexts:
            - name: c
              context: {cluster: k, user: u}
            """)
        let target = try KubeConfig.load(paths: [file])
        #expect(target.tls.certificateAuthority == Array("CA".utf8))
        #expect(target.credentials.identity?.certificate == Array("CERT".utf8))
        #expect(target.credentials.identity?.key == Array("KEY-DATA".utf8))   // data wins over the file
        #expect(target.credentials.token == "file-token")
        #expect(target.credentials.tokenFile?.hasSuffix("certs/token") == true)
    }

    @Test func errorsNameFileAndFieldButNotSecrets() throws {
        let dir = ScratchDirectory()
        let file = dir.write("config", """
            current-context: c
            clusters:
            - name: k
              cluster: {server: https://k.example}
            users:
            - name: u
              user: {client-certificate-data: "%%not-base64-sekrit%%", client-key-data: \(base64("k"))}
            contexts:
            - name: c
              context: {cluster: k, user: u}
            """)
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.load(paths: [file]) }
        #expect(error.file == file)
        #expect(error.field == "users[u].user.client-certificate-data")
        #expect(!error.description.contains("sekrit"))

        let missing = dir.write("other", "clusters: []\ncontexts: []\n")
        let noContext = try #require(throws: KubeConfigError.self) { try KubeConfig.load(paths: [missing]) }
        #expect(noContext.kind == .noContext)
        let unknown = try #require(throws: KubeConfigError.self) { try KubeConfig.load(paths: [missing], context: "x") }
        #expect(unknown.kind == .contextNotFound)
    }

    @Test func execPluginRunsWithInfoAndCachesUntilExpiry() throws {
        let dir = ScratchDirectory()
        // Prints an ExecCredential whose token counts runs and echoes the exec info it received.
        dir.write("bin/plugin.sh", """
            #!/bin/sh
            count=$(cat "$COUNTER" 2>/dev/null || echo 0); count=$((count+1)); echo $count > "$COUNTER"
            ok=no
            case "$KUBERNETES_EXEC_INFO" in *'"kind":"ExecCredential"'*'"server":"https://k.example"'*'"interactive":false'*) ok=yes;; esac
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-%s-%s-%s","expirationTimestamp":"%s"}}' "$count" "$ok" "$1" "$EXPIRY"
            """, executable: true)
        let file = dir.write("config", """
            current-context: c
            clusters:
            - name: k
              cluster: {server: https://k.example}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/plugin.sh
                  args: [arg]
                  provideClusterInfo: true
                  interactiveMode: Never
                  env:
                  - {name: COUNTER, value: \(dir.path)/count}
                  - {name: EXPIRY, value: "2030-01-01T00:00:00Z"}
            contexts:
            - name: c
              context: {cluster: k, user: u}
            """)
        let target = try KubeConfig.load(paths: [file])
        let plugin = try #require(target.credentials.exec)
        let clock = MutableClock(RFC3339.date("2029-12-31T23:59:00Z")!)
        let timed = ExecPlugin(config: plugin.config, configFile: plugin.configFile, cluster: plugin.cluster, now: { clock.now })
        #expect(try timed.credential().token == "tok-1-yes-arg")
        #expect(try timed.credential().token == "tok-1-yes-arg")
        #expect(timed.runCount == 1)
        clock.now = RFC3339.date("2030-01-01T00:00:01Z")!
        #expect(try timed.credential().token == "tok-2-yes-arg")
        timed.invalidate()
        #expect(try timed.credential().token == "tok-3-yes-arg")
        #expect(timed.runCount == 3)
    }

    @Test func execPluginFailuresAreReported() throws {
        let dir = ScratchDirectory()
        dir.write("fail.sh", "#!/bin/sh\necho 'login required' >&2\nexit 3\n", executable: true)
        dir.write("wrong.sh", "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"x\"}}'\n", executable: true)
        let failing = ExecPlugin(config: ExecConfig(command: "./fail.sh"), configFile: dir.path + "/config")
        let error = try #require(throws: KubeConfigError.self) { try failing.credential() }
        #expect(error.kind == .execFailed)
        #expect(error.message.contains("status 3") && error.message.contains("login required"))
        let wrong = ExecPlugin(config: ExecConfig(command: "./wrong.sh"), configFile: dir.path + "/config")
        #expect(throws: KubeConfigError.self) { try wrong.credential() }
        let beta = ExecPlugin(config: ExecConfig(command: "./wrong.sh", apiVersion: "client.authentication.k8s.io/v1beta1"),
                              configFile: dir.path + "/config")
        #expect(try beta.credential().token == "x")
    }

    @Test func execCredentialWithCertificate() throws {
        let plugin = ExecPlugin(config: ExecConfig(command: "true", apiVersion: "client.authentication.k8s.io/v1beta1"), configFile: "")
        let credential = try plugin.parse(Array("""
            {"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
             "status":{"clientCertificateData":"CERT","clientKeyData":"KEY","expirationTimestamp":"2030-01-01T00:00:00.5Z"}}
            """.utf8))
        #expect(credential.identity == ClientIdentity(certificate: Array("CERT".utf8), key: Array("KEY".utf8)))
        #expect(credential.expiration != nil)
        #expect(throws: KubeConfigError.self) {
            try plugin.parse(Array(#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientKeyData":"KEY"}}"#.utf8))
        }
    }
}

final class MutableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
