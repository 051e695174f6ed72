import Testing
@testable import Clusters

@Suite struct ClusterRootTests {
    @Test func findsBootstrapsAndNamesThem() throws {
        let roots = ClusterRoots.find(in: try Fixtures.fileSystem("fleet"), extraPaths: ["clusters/prod", "tenants"])
        #expect(roots.map(\.name) == ["prod", "staging", "tenants"])
        #expect(roots.map(\.path) == ["clusters/prod", "clusters/staging", "tenants"])
        #expect(roots[0].repositoryURL == "ssh://git@github.com/example/fleet")
        #expect(roots[0].bootstrap.origin != nil)
        #expect(roots[2].bootstrap.key.description == "Kustomization/flux-system/flux-system")
    }

    @Test func findsFluxInstancesAndDisambiguatesNames() throws {
        let files = MemoryFileSystem(files: [
            "a/prod/instance.yaml": """
                apiVersion: fluxcd.controlplane.io/v1
                kind: FluxInstance
                metadata: {name: flux, namespace: flux-system}
                spec:
                  sync: {kind: GitRepository, url: "https://example.com/r.git", path: b/prod}
                """,
        ])
        let roots = ClusterRoots.find(in: files, extraPaths: ["c/prod"])
        #expect(roots.map(\.name) == ["b/prod", "c/prod"])
        #expect(roots.first?.bootstrap.name == "flux-system")
    }

    @Test func normalisesRepositoryURLs() {
        let forms = ["https://github.com/Example/fleet.git", "git@GitHub.com:Example/fleet", "ssh://git@github.com/Example/fleet/"]
        #expect(Set(forms.map(RepositoryURL.normalized)) == ["github.com/Example/fleet"])
    }
}
