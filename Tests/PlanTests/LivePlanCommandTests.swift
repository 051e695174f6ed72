import Foundation
import KubeClient
import KubeDouble
import Testing
@testable import Plan

/// `shipshape plan --kubeconfig` end to end: the built executable against the API double.
@Suite struct LivePlanCommandTests {
    static let binary = PlanFixtures.packageRoot + "/.build/debug/shipshape"

    struct Run { var status: Int32; var output: String; var errors: String }

    static func shipshape(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   errors: String(decoding: errorData, as: UTF8.self))
    }

    /// A repository whose `cluster` directory is rendered as the cluster root `cluster`.
    static func repository(_ scratch: ScratchDirectory, value: String) throws {
        try scratch.write("repo/cluster/kustomization.yaml", "resources: [namespace.yaml, settings.yaml]\n")
        try scratch.write("repo/cluster/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
        try scratch.write("repo/cluster/settings.yaml",
                          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  key: \(value)\n")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs the shipshape executable: swift build first"))
    func plansCreatesUpdatesAndPrunesWithDetailedExitCodes() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let token = "test-token-\(UUID().uuidString)"
        var options = KubeAPIDouble.Options()
        options.bearerToken = token
        let cluster = try LiveCluster(options: options)
        try cluster.double.kubeconfig(at: scratch.path("kubeconfig"), token: token)
        try Self.repository(scratch, value: "one")
        let arguments = ["plan", scratch.path("repo"), "--cluster-root", "cluster", "--kubeconfig", scratch.path("kubeconfig"), "--detailed-exitcode"]

        let fresh = try Self.shipshape(arguments + ["--out", scratch.path("plan.json")])
        #expect(fresh.status == 2, "\(fresh.errors)")
        #expect(fresh.output.contains("  + Namespace shop (v1) will be created\n"), "\(fresh.errors)")
        #expect(fresh.output.hasSuffix("Plan: 2 to create, 0 to update, 0 to prune, 0 unchanged.\n"))
        #expect(!fresh.output.contains(token) && !fresh.errors.contains(token))
        let written = try PlanDocument(fileBytes: Array(try scratch.read("plan.json").utf8))
        #expect(written.target.kind == .cluster && written.target.context == "kube-double")

        // Apply it as the executor would (the cluster root is named "cluster"), then plan again.
        // The double requires the token, so this client sends it too.
        let api = KubeAPI(target: try KubeConfig.load(paths: [scratch.path("kubeconfig")], context: nil), retry: .none)
        for object in written.allObjects {
            let manifest = LivePlans.labelled(try #require(object.manifest), id: ApplySetID.memberLabel(cluster: "cluster"))
            _ = try api.apply(JSONBridge.kube(manifest))
        }
        let same = try Self.shipshape(arguments)
        #expect(same.status == 0, "\(same.output)\(same.errors)")
        #expect(same.output.hasSuffix("Plan: 0 to create, 0 to update, 0 to prune, 2 unchanged.\n"))

        _ = try api.apply(JSONBridge.kube(LivePlans.labelled(LivePlans.configMap("retired"), id: ApplySetID.memberLabel(cluster: "cluster"))))
        try Self.repository(scratch, value: "two")
        let changed = try Self.shipshape(arguments + ["--prune", "--format", "markdown"])
        #expect(changed.status == 2)
        #expect(changed.output.contains("```diff\n--- live/ConfigMap/shop/settings\n"))
        #expect(changed.output.contains("- `-` ConfigMap shop/retired (v1): pruned"))
        #expect(changed.output.hasSuffix("**Plan: 0 to create, 1 to update, 1 to prune, 1 unchanged.**\n"))

        cluster.double.faults.inject(.serverError(500), method: "PATCH", times: 100)
        let failing = try Self.shipshape(arguments)
        #expect(failing.status == 1)
        #expect(failing.errors.contains("(InternalError)") && failing.errors.contains("injected fault"), "\(failing.errors)")
        cluster.double.faults.clear()

        let offlinePrune = try Self.shipshape(["plan", scratch.path("repo"), "--cluster-root", "cluster", "--prune"])
        #expect(offlinePrune.status == 2 && offlinePrune.errors.contains("--prune needs a cluster"))
    }
}
