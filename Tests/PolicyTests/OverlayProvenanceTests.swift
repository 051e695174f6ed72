import Policy
import Rendering
import Testing

/// Files held in memory, as a build's file system.
struct MemoryFileSystem: RenderFileSystem {
    var files: [String: String]

    func isFile(_ path: String) -> Bool { files[path] != nil }
    func isDirectory(_ path: String) -> Bool { path.isEmpty || files.keys.contains { $0.hasPrefix(path + "/") } }
    func read(_ path: String) throws(RenderError) -> [UInt8] {
        guard let text = files[path] else { throw RenderError(.missing, "no file \(path)") }
        return Array(text.utf8)
    }
    func children(of directory: String) -> [String] {
        let prefix = directory.isEmpty ? "" : directory + "/"
        let names = files.keys.filter { $0.hasPrefix(prefix) }.compactMap { $0.dropFirst(prefix.count).split(separator: "/").first }
        return Set(names.map { prefix + $0 }).sorted()
    }
}

/// Findings on rendered objects point at the file a user must edit: when an overlay's patch
/// removes a memory limit the base sets, the finding lands in the patch, and names the base.
@Suite("Overlay provenance")
struct OverlayProvenanceTests {
    static let files = [
        "base/kustomization.yaml": "resources: [deployment.yaml]\n",
        "base/deployment.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: ghcr.io/acme/web:1.0.0
                      resources:
                        requests: {cpu: 100m, memory: 64Mi}
                        limits: {memory: 128Mi}

            """,
        "overlays/prod/kustomization.yaml": """
            resources: [../../base]
            patches:
              - path: drop-limit.yaml

            """,
        "overlays/prod/drop-limit.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      resources:
                        limits:
                          memory: null

            """,
    ]

    static func render(_ directory: String) throws -> Node {
        let map = try Kustomizer(fileSystem: MemoryFileSystem(files: files)).build(directory: directory)
        return try #require(map.resources.first { $0.kind == "Deployment" }).node
    }

    @Test func theFindingLandsInThePatchThatRemovedTheLimit() throws {
        let rule = try #require(PolicyCatalog.bundled.rule("memory-limits"))
        #expect(findings(rule, on: try Self.render("base")).isEmpty)

        let found = findings(rule, on: try Self.render("overlays/prod"))
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.message == "containers without a memory limit: web")
        #expect(finding.origin?.file == "overlays/prod/drop-limit.yaml")
        #expect(finding.origin?.changedBy == "patch overlays/prod/drop-limit.yaml")
        #expect(finding.written?.file == "base/deployment.yaml")
    }

    @Test func untouchedFieldsPointAtTheBase() throws {
        let rule = try #require(PolicyCatalog.bundled.rule("pdb-for-replicated"))
        let found = findings(rule, on: try Self.render("overlays/prod"))
        #expect(found.first?.origin?.file == "base/deployment.yaml")
        #expect(found.first?.written == nil)
    }
}
