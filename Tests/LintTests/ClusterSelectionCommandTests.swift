import Foundation
import Testing

/// `--cluster`, `--cluster-root` and `build --unit` through the executable, on the two-cluster fleet fixture.
struct ClusterSelectionCommandTests {
    static let fleet = CommandLineTests.fixtures + "/clusters/fleet"

    @Test func buildOfOneUnitNeedsAClusterWhenTwoDefineIt() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "build the package first")
        let ambiguous = try run(CommandLineTests.binary, ["build", "--unit", "web", Self.fleet], status: 2)
        #expect(ambiguous.contains("prod: Kustomization/flux-system/web"))
        #expect(ambiguous.contains("staging: Kustomization/flux-system/web"))
        let prod = try run(CommandLineTests.binary, ["build", "--unit", "flux-system/web", "--cluster", "prod", Self.fleet])
        #expect(prod.contains("name: prod-web"))
        #expect(prod.contains("cluster is prod"), "post-build substitution applied")
        let staging = try run(CommandLineTests.binary, ["build", "--unit", "Kustomization/flux-system/web", "--cluster", "staging", Self.fleet])
        #expect(!staging.contains("cluster is prod"))
        let json = try run(CommandLineTests.binary, ["build", "--unit", "web", "--cluster", "prod", "--format", "json", Self.fleet])
        #expect(json.contains("\"provenance\""))
    }

    @Test func unknownNamesAndStrayFlagsAreUsageErrors() throws {
        let missing = try run(CommandLineTests.binary, ["build", "--unit", "nope", Self.fleet], status: 2)
        #expect(missing.contains("no unit nope"))
        let cluster = try run(CommandLineTests.binary, ["lint", "--cluster", "nope", Self.fleet], status: 2)
        #expect(cluster.contains("no cluster named \"nope\"; the clusters are: prod, staging"))
        try run(CommandLineTests.binary, ["build", "--cluster", "prod", Self.fleet], status: 2)
    }

    @Test func failedUnitExitsOneWithItsPosition() throws {
        let text = try run(CommandLineTests.binary, ["build", "--unit", "escape", Self.fleet], status: 1)
        #expect(text.contains("argo/escape/kustomization.yaml:4:3: error: Application/argocd/escape (cluster prod)"))
    }

    @Test func lintOfOneClusterLeavesOutWhatOnlyOtherClustersApply() throws {
        let prod = try run(CommandLineTests.binary, ["lint", "--no-color", "--cluster", "prod", Self.fleet], status: 1)
        #expect(prod.contains("error[render-failed]: Application argocd/escape (cluster prod)"))
        let staging = try run(CommandLineTests.binary, ["lint", "--no-color", "--cluster", "staging", Self.fleet], status: 1)
        #expect(!staging.contains("argocd/escape"))
        #expect(!staging.contains("templates/ks-template.yaml"))
        #expect(staging.contains("infrastructure/prod/broken.draft.yaml"), "files no cluster applies stay in every selection")
    }

    @Test func clusterRootFlagAddsACluster() throws {
        let text = try run(CommandLineTests.binary, ["build", "--unit", "flux-system/flux-system", "--cluster", "overlays",
                                                     "--cluster-root", "apps/overlays", Self.fleet], status: nil)
        #expect(!text.contains("no cluster named"), "the extra root is a cluster named after its directory")
    }
}
