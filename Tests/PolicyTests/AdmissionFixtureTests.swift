import Clusters
import Diagnostics
import Rendering
import SourceTree
import Testing
@testable import Policy

/// Repositories under Tests/Fixtures/admission rendered by discovery, as `shipshape lint`
/// renders them, then checked against their own admission policies.
@Suite struct AdmissionFixtureTests {
    static func findings(_ fixture: String) throws -> [Diagnostic] {
        let path = TestPaths.packageRoot + "/Tests/Fixtures/admission/" + fixture
        let files = TreeFileSystem(tree: try SourceTree.workingDirectory(at: path))
        let clusters = Discovery(fileSystem: files).renderRepository(ClusterRoots.find(in: files))
        #expect(clusters.map(\.cluster.name) == ["production"])
        #expect(clusters.flatMap(\.units).compactMap(\.error).isEmpty)
        return AdmissionPolicies.run(clusters)
    }

    @Test func triggersDeniesTheProductionDeploymentAboveTheLimit() throws {
        let found = try Self.findings("triggers")
        try #require(found.count == 1)
        let finding = found[0]
        #expect(finding.rule == AdmissionPolicies.ruleID)
        #expect(finding.severity == .error)
        #expect(finding.message == "ValidatingAdmissionPolicy replica-limit (binding replica-limit-prod) denies Deployment prod/web: "
                + "Deployment prod/web asks for 8 replicas; production allows at most 5")
        #expect("\(finding.location.file):\(finding.location.line)" == "apps/prod/web.yaml:1")
        #expect(finding.unit == UnitReference(kind: "Kustomization", namespace: "flux-system", name: "apps"))
        #expect(finding.related.map { "\($0.location.file):\($0.location.line)" } == ["infrastructure/replica-limit-policy.yaml:20"])
    }

    @Test func cleanHasNoFindings() throws {
        #expect(try Self.findings("clean").isEmpty)
    }

    @Test func theDescriptorNamesTheRule() {
        let descriptor = AdmissionPolicies.descriptor
        #expect(descriptor.id == "admission-policy")
        #expect(descriptor.defaultSeverity == .error)
        #expect(!descriptor.help.isEmpty)
    }
}
