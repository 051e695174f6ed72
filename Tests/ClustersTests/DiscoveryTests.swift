import Testing
import Rendering
import SourceTree
#if canImport(Glibc)
import Glibc
#endif
@testable import Clusters

@Suite struct DiscoveryTests {
    /// The fixture expectations hold with the native engine and with the minimal stand-in.
    static let builders: [any KustomizeBuilding] = [KustomizerBuilder(reorder: Reorder.none), MiniKustomize()]

    private func render(_ name: String, _ builder: any KustomizeBuilding = KustomizerBuilder(reorder: Reorder.none)) throws -> ClusterRender {
        let files = try Fixtures.fileSystem("fleet")
        let root = try #require(ClusterRoots.find(in: files).first { $0.name == name })
        return Discovery(fileSystem: files, builder: builder).render(root)
    }

    @Test(arguments: builders) func rendersTheProdClusterToClosure(builder: any KustomizeBuilding) throws {
        let cluster = try render("prod", builder)
        #expect(cluster.units.map(\.key.description) == [
            "Kustomization/flux-system/flux-system",
            "Application/argocd/escape", "Application/argocd/good",
            "Kustomization/flux-system/infra-prod", "Kustomization/flux-system/tenants",
            "Kustomization/flux-system/web",
        ])
        #expect(cluster.diagnostics.isEmpty)
        let root = try #require(cluster.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "flux-system")))
        #expect(root.error == nil)
        #expect(root.sources.map(\.name) == ["flux-system"])
        // Only visible after the kustomize patch renamed and re-pointed the template.
        let infra = try #require(cluster.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "infra-prod")))
        #expect(infra.directory == "infrastructure/prod")
        #expect(infra.resources.resources.map(\.name) == ["controller", "apps"])
    }

    @Test(arguments: builders) func substitutesChildSpecsAndOutput(builder: any KustomizeBuilding) throws {
        let cluster = try render("prod", builder)
        let web = try #require(cluster.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "web")))
        #expect(web.error == nil)
        #expect(web.directory == "apps/overlays/prod")
        #expect(web.parent?.name == "tenants")
        let deployment = try #require(web.resources.resources.first { $0.kind == "Deployment" })
        #expect(deployment.name == "prod-web")
        #expect(deployment.namespace == "apps")
        #expect(deployment.node[path: ["spec", "replicas"]]?.scalar == Scalar("3", tag: .int))
        #expect(deployment.annotations == ["environment": "production", "cluster": "prod", "region": "eu-west-1"])
        let image = deployment.node[path: ["spec", "template", "spec", "containers"]]?.elements.first?["image"]?.text
        #expect(image == "registry.example.com/web:1.0.0")
        let script = try #require(web.resources.resources.first { $0.name == "prod-script" })
        #expect(script.node[path: ["data", "run.sh"]]?.text == "echo \"home is ${HOME}\"\necho \"cluster is prod\"\n")
        let verbatim = try #require(web.resources.resources.first { $0.name == "prod-verbatim" })
        #expect(verbatim.node[path: ["data", "template"]]?.text == "${NOT_A_FLUX_VARIABLE}")
    }

    @Test(arguments: builders) func twoClustersRenderTheirOwnValues(builder: any KustomizeBuilding) throws {
        let staging = try render("staging", builder)
        let web = try #require(staging.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "web")))
        #expect(web.directory == "apps/overlays/staging")
        let deployment = try #require(web.resources.resources.first { $0.kind == "Deployment" })
        #expect(deployment.name == "staging-web")
        #expect(deployment.node[path: ["spec", "replicas"]]?.scalar == Scalar("1", tag: .int))
    }

    @Test(arguments: builders) func argoApplicationsLoadRootOnly(builder: any KustomizeBuilding) throws {
        let cluster = try render("prod", builder)
        let good = try #require(cluster.unit(ObjectKey(kind: "Application", namespace: "argocd", name: "good")))
        #expect(good.resources.resources.map(\.name) == ["argo-shop"])
        #expect(good.resources.resources.first?.namespace == "shop")
        let escape = try #require(cluster.unit(ObjectKey(kind: "Application", namespace: "argocd", name: "escape")))
        #expect(escape.error?.kind == .loadRestriction)
        #expect(escape.error?.location?.file == "argo/escape/kustomization.yaml")
    }

    @Test func unmappedSourcesDuplicatesAndCyclesAreReported() throws {
        func ks(_ name: String, _ path: String, source: String = "flux-system") -> String {
            """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: \(name), namespace: flux-system}
            spec: {path: \(path), sourceRef: {kind: GitRepository, name: \(source)}}

            """
        }
        let files = MemoryFileSystem(files: [
            "root/a.yaml": ks("a", "./a"),
            "root/b.yaml": ks("b", "./b"),
            "root/remote.yaml": ks("remote", "./x", source: "elsewhere"),
            "a/self.yaml": ks("a", "./a"),
            "a/next.yaml": ks("c", "./c"),
            "c/back.yaml": ks("a", "./a"),
            "b/dup.yaml": ks("remote", "./y"),
            "other/cm.yaml": "kind: ConfigMap\napiVersion: v1\nmetadata: {name: c}\n",
        ])
        var options = DiscoveryOptions()
        options.parallel = false
        let result = Discovery(fileSystem: files, options: options)
            .render(ClusterRoot(name: "t", path: "root"))
        #expect(result.diagnostics.map(\.kind) == [.conflict, .cycle])
        let remote = try #require(result.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "remote")))
        #expect(remote.error?.message.contains("GitRepository/flux-system/elsewhere") == true)

        var mapped = options
        mapped.sourceDirectories[ObjectKey(kind: "GitRepository", namespace: "flux-system", name: "elsewhere")] = "other"
        let resolved = Discovery(fileSystem: files, options: mapped)
            .render(ClusterRoot(name: "t", path: "root"))
        let mappedRemote = try #require(resolved.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "remote")))
        #expect(mappedRemote.error?.kind == .missing) // ./x does not exist under other/
    }
}

/// Scale check on a generated fleet: `scripts/generate-fleet.py DIR`, then run with SHIPSHAPE_FLEET=DIR.
@Suite struct FleetScaleTests {
    static let fleet: String? = {
        guard let value = getenv("SHIPSHAPE_FLEET") else { return nil }
        return String(cString: value)
    }()

    @Test(.enabled(if: fleet != nil)) func rendersEveryClusterOfTheFleet() throws {
        let tree = try SourceTree.workingDirectory(at: try #require(Self.fleet))
        let files = TreeFileSystem(tree: tree)
        let clock = ContinuousClock()
        let start = clock.now
        let roots = ClusterRoots.find(in: files)
        let found = clock.now
        let builder: any KustomizeBuilding = getenv("SHIPSHAPE_FLEET_MINI") == nil ? KustomizerBuilder() : MiniKustomize()
        let renders = Discovery(fileSystem: files, builder: builder).render(roots)
        let done = clock.now
        let units = renders.map(\.units.count).reduce(0, +)
        let failed = renders.flatMap(\.units).filter { $0.error != nil }
        print("fleet: \(roots.count) clusters, \(units) units, \(failed.count) failed; roots \(found - start), render \(done - found)")
        if let first = failed.first { print("first failure: \(first.key): \(String(describing: first.error))") }
        #expect(failed.count == 0)
        #expect(renders.map(\.diagnostics.count).reduce(0, +) == 0)
    }
}
