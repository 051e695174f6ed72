import Foundation
import Testing

/// `shipshape cel eval`, `rules`, `explain` and lint's policy findings, through the built
/// executable.
@Suite("Policy commands")
struct CommandTests {
    static func shipshape(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try #require(FileManager.default.isExecutableFile(atPath: TestPaths.binary), "build the package first")
        return try run(TestPaths.binary, arguments)
    }

    @Test func evalPrintsTypedJSON() throws {
        #expect(try Self.shipshape("cel", "eval", "1 + 2", "--format", "json").stdout == "{\"value\":{\"int\":\"3\"}}\n")
        #expect(try Self.shipshape("cel", "eval", "[1u, 2.5, 'a']", "--format", "json").stdout
                == "{\"value\":{\"list\":[{\"uint\":\"1\"},{\"double\":2.5},{\"string\":\"a\"}]}}\n")
        #expect(try Self.shipshape("cel", "eval", "{'a': true}").stdout == "{'a': true}\n")
    }

    @Test func errorsAreJSONWithStatusZeroAndParseErrorsGiveThePosition() throws {
        let division = try Self.shipshape("cel", "eval", "1 / 0", "--format", "json")
        #expect(division.status == 0)
        #expect(division.stdout == "{\"error\":\"divide by zero\"}\n")
        let syntax = try Self.shipshape("cel", "eval", "1 + (2", "--format", "json")
        #expect(syntax.status == 0)
        #expect(syntax.stdout.contains("1:7"), "\(syntax.stdout)")
        let text = try Self.shipshape("cel", "eval", "1 + (2")
        #expect(text.status == 1)
        #expect(text.stderr.contains("1 + (2\n") && text.stderr.contains("      ^"), "\(text.stderr)")
    }

    @Test func varsAcceptTypedAndPlainJSON() throws {
        let typed = try Self.shipshape("cel", "eval", "x + y", "--var", "x={\"uint\":\"4\"}", "--var", "y={\"uint\":\"1\"}", "--format", "json")
        #expect(typed.stdout == "{\"value\":{\"uint\":\"5\"}}\n")
        let plain = try Self.shipshape("cel", "eval", "m.a.size() + m.b", "--var", "m={\"a\":[1,2],\"b\":3}", "--format", "json")
        #expect(plain.stdout == "{\"value\":{\"int\":\"5\"}}\n")
        #expect(try Self.shipshape("cel", "eval", "x", "--var", "x=not json").status == 2)
        #expect(try Self.shipshape("cel", "eval", "x", "--var", "novalue").status == 2)
    }

    @Test func macrosCanBeDisabled() throws {
        #expect(try Self.shipshape("cel", "eval", "[1, 2].exists(x, x == 2)").stdout == "true\n")
        let disabled = try Self.shipshape("cel", "eval", "[1, 2].exists(x, x == 2)", "--disable-macros", "--format", "json")
        #expect(disabled.stdout.hasPrefix("{\"error\":"), "\(disabled.stdout)")
    }

    @Test func objectBindsObjectAndPodSpec() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.write("job.yaml", """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report}
            spec:
              schedule: "@hourly"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: report, image: "ghcr.io/acme/report:latest"}]
            ---
            kind: Ignored
            """)
        let result = try Self.shipshape("cel", "eval", "object.metadata.name + ' ' + podSpec.containers[0].image", "--object", scratch.root + "/job.yaml")
        #expect(result.stdout == "'report ghcr.io/acme/report:latest'\n")
        #expect(try Self.shipshape("cel", "eval", "podSpec == null && oldObject == null && params == {}").stdout == "true\n")
    }

    @Test func rulesAndExplainIncludePolicyRules() throws {
        let list = try Self.shipshape("rules", "--format", "json")
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.contains("memory-limits") && ids.contains("depends-on-missing"))
        #expect(ids == ids.sorted())
        let memory = try #require(rules.first { $0["id"] as? String == "memory-limits" })
        #expect(memory["category"] as? String == "resources" && memory["severity"] as? String == "warning")
        let explain = try Self.shipshape("explain", "gpu-rollout-capacity")
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Params (defaults"))
        #expect(explain.stdout.contains("Invalid examples:"))
        #expect(try Self.shipshape("explain", "no-such-rule").status == 2)
    }

    /// A Flux cluster whose app has a `latest` image and no memory limit: lint reports both
    /// under the rules' ids, honours severities and `off`, and checks params against the rules.
    @Test func lintReportsPolicyFindingsAsConfigured() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try scratch.write("clusters/prod/flux-system/gotk-sync.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: flux-system, namespace: flux-system}
            spec:
              interval: 10m
              prune: true
              path: ./clusters/prod
              sourceRef: {kind: GitRepository, name: flux-system}
            """)
        try scratch.write("clusters/prod/apps.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              interval: 10m
              timeout: 5m
              prune: true
              path: ./apps
              sourceRef: {kind: GitRepository, name: flux-system}
            """)
        try scratch.write("apps/web.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default}
            spec:
              containers:
                - name: web
                  image: nginx:latest
            """)
        let plain = try Self.shipshape("lint", "--no-color", "--format", "json", scratch.root)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        let latest = try #require(diagnostics.first { $0["rule"] as? String == "image-tag-not-latest" }, "\(plain.stdout)")
        #expect((latest["message"] as? String)?.hasPrefix("Pod default/web: ") == true)
        #expect(diagnostics.contains { $0["rule"] as? String == "memory-limits" })
        #expect(latest["file"] as? String == "apps/web.yaml")
        #expect((latest["unit"] as? [String: Any])?["name"] as? String == "apps")

        try scratch.write(".shipshape.yaml", "rules:\n  image-tag-not-latest: off\n  memory-limits: error\n")
        let configured = try Self.shipshape("lint", "--no-color", scratch.root)
        #expect(!configured.stdout.contains("image-tag-not-latest"))
        #expect(configured.stdout.contains("error[memory-limits]"), "\(configured.stdout)")
        #expect(configured.status == 1)

        try scratch.write(".shipshape.yaml", "params:\n  gpu-rollout-capacity: {nodes: 2, gpusPerNod: 1}\n")
        let typo = try Self.shipshape("lint", scratch.root)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("gpusPerNod"), "\(typo.stderr)")
        try scratch.write(".shipshape.yaml", "params:\n  not-a-rule: {a: 1}\n")
        #expect(try Self.shipshape("lint", scratch.root).status == 2)
    }
}
