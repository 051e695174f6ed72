import Testing
import Rendering
@testable import Clusters

/// Repositories whose clusters are not bootstrapped from Git the way `flux bootstrap` writes it.
@Suite struct RepositoryRenderTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: "web:${VERSION:=1.0}"}]
        """

    static func kustomization(_ name: String, path: String, source: String = "GitRepository", sourceName: String = "flux-system",
                              extra: String = "") -> String {
        """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: \(name), namespace: flux-system}
        spec:
          path: \(path)
          sourceRef: {kind: \(source), name: \(sourceName)}
        \(extra)
        """
    }

    private func render(_ files: [String: String]) -> [ClusterRender] {
        let fileSystem = MemoryFileSystem(files: files)
        return Discovery(fileSystem: fileSystem).renderRepository(ClusterRoots.find(in: fileSystem))
    }

    @Test func fluxInstanceChartValuesAreClusterRoots() throws {
        let roots = ClusterRoots.find(in: MemoryFileSystem(files: [
            "infra/flux-instance/helmrelease.yaml": """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: flux-instance, namespace: flux-system}
                spec:
                  chartRef: {kind: OCIRepository, name: flux-instance}
                  values:
                    instance:
                      sync: {kind: GitRepository, url: "https://example.com/r.git", path: clusters/main}
                """,
            "clusters/main/apps.yaml": Self.kustomization("apps", path: "./apps"),
        ]))
        #expect(roots.map(\.path) == ["clusters/main"])
        #expect(roots.first?.bootstrap.key.description == "Kustomization/flux-system/flux-system")
        #expect(roots.first?.repositoryURL == "https://example.com/r.git")
        #expect(roots.first?.bootstrap.origin?.file == "infra/flux-instance/helmrelease.yaml")
    }

    @Test func valuesFileSyncOfAnOCIArtifactFindsTheArtifactRoot() throws {
        let clusters = render([
            "kubernetes/flux/instance/values.yaml": """
                instance:
                  sync: {kind: OCIRepository, url: "oci://ghcr.io/example/manifests", ref: main, path: ./clusters/main}
                """,
            "kubernetes/clusters/main/apps.yaml": Self.kustomization("apps", path: "./apps/web", source: "OCIRepository"),
            "kubernetes/apps/web/deployment.yaml": Self.deployment,
        ])
        let cluster = try #require(clusters.first)
        #expect(clusters.count == 1)
        #expect(cluster.cluster.sourceRoot == "kubernetes")
        #expect(cluster.cluster.path == "kubernetes/clusters/main")
        let apps = try #require(cluster.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "apps")))
        #expect(apps.error == nil)
        #expect(apps.directory == "kubernetes/apps/web")
        #expect(apps.resources.resources.map(\.name) == ["web"])
    }

    @Test func unitsAppliedOutsideGitSeedAClusterOfTheirOwn() throws {
        let clusters = render([
            "clusters/main/apps.yaml": Self.kustomization("apps", path: "./apps"),
            "apps/web.yaml": Self.kustomization("web", path: "./web"),
            "web/deployment.yaml": Self.deployment,
            // Unowned and beside a tree: a definition nothing applies.
            "old/legacy.yaml": Self.kustomization("legacy", path: "./does-not-exist"),
            // Hidden directories are never entry points.
            ".archive/apps.yaml": Self.kustomization("archived", path: "./nowhere"),
        ])
        #expect(clusters.map(\.cluster.name) == ["main"])
        let cluster = try #require(clusters.first)
        #expect(cluster.units.map(\.key.name) == ["apps", "web"])
        #expect(cluster.units.allSatisfy { $0.error == nil })
        let web = try #require(cluster.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "web")))
        #expect(web.parent?.name == "apps")
        let image = web.resources.resources.first?.node[path: ["spec", "template", "spec", "containers"]]?.elements.first?["image"]?.text
        #expect(image == "web:${VERSION:=1.0}", "no postBuild: nothing is substituted")
    }

    @Test func seedApplicationsRenderTheirRepositoryWhenEveryPathExists() throws {
        let application = { (name: String, url: String, path: String) in
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: \(name), namespace: argocd}
            spec:
              source: {repoURL: "\(url)", path: \(path)}
              destination: {namespace: web}
            """
        }
        let clusters = render([
            "argocd/web.yaml": application("web", "https://example.com/self.git", "web"),
            "argocd/other.yaml": application("other", "https://example.com/other.git", "missing"),
            "web/deployment.yaml": Self.deployment,
        ])
        let cluster = try #require(clusters.first)
        #expect(cluster.cluster.name == "argocd")
        let web = try #require(cluster.unit(ObjectKey(kind: "Application", namespace: "argocd", name: "web")))
        #expect(web.error == nil)
        #expect(web.resources.resources.first?.namespace == "web")
        let other = try #require(cluster.unit(ObjectKey(kind: "Application", namespace: "argocd", name: "other")))
        #expect(other.error?.message.contains("not this repository") == true)
    }

    @Test func externalArtifactsReadTheFilesTheirGeneratorCopies() throws {
        let clusters = render([
            "clusters/main/flux-system/gotk-sync.yaml": Self.kustomization("flux-system", path: "./clusters/main"),
            "clusters/main/artifacts.yaml": """
                apiVersion: source.extensions.fluxcd.io/v1beta1
                kind: ArtifactGenerator
                metadata: {name: split, namespace: flux-system}
                spec:
                  sources: [{alias: repo, kind: GitRepository, name: flux-system}]
                  artifacts:
                    - name: apps
                      copy:
                        - {from: "@repo/apps/base/**", to: "@artifact/base/"}
                        - {from: "@repo/apps/prod", to: "@artifact/"}
                        - {from: "@repo/apps/notes/*.yaml", to: "@artifact/", exclude: ["skip.yaml"]}
                """,
            "clusters/main/apps.yaml": Self.kustomization("apps", path: "./prod", source: "ExternalArtifact", sourceName: "apps"),
            "apps/base/deployment.yaml": Self.deployment,
            "apps/base/kustomization.yaml": "resources: [deployment.yaml]\n",
            "apps/prod/kustomization.yaml": "resources: [../base]\nnamePrefix: prod-\n",
            "apps/notes/keep.yaml": "a: 1\n",
            "apps/notes/skip.yaml": "a: 2\n",
        ])
        let cluster = try #require(clusters.first)
        let apps = try #require(cluster.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "apps")))
        #expect(apps.error == nil)
        let deployment = try #require(apps.resources.resources.first)
        #expect(deployment.name == "prod-web")
        // Positions point into the repository, not into the artifact's layout.
        #expect(deployment.node.origin?.file == "apps/base/deployment.yaml")
    }

    @Test func artifactCopiesFollowSourceWatcherRules() throws {
        let base = MemoryFileSystem(files: [
            "src/app/a.yaml": "", "src/app/sub/b.yaml": "", "src/notes/x.yaml": "", "src/notes/y.md": "", "src/one.yaml": "",
        ])
        let files = try ArtifactFileSystem(identity: "t", name: "ExternalArtifact/ns/t", copies: [
            .init(from: "@s/app", to: "@artifact/d"),
            .init(from: "@s/app/**", to: "@artifact/flat/"),
            .init(from: "@s/notes/*.yaml", to: "@artifact/n/"),
            .init(from: "@s/one.yaml", to: "@artifact/renamed.yaml"),
            .init(from: "@s/one.yaml", to: "@artifact/into/"),
            .init(from: "@s/app/**", to: "@artifact/ex/", exclude: ["sub/**"]),
        ], sources: ["s": (base, "src")], base: base)
        #expect(files.repositoryPath(of: "d/app/a.yaml") == "src/app/a.yaml")
        #expect(files.repositoryPath(of: "d/app/sub/b.yaml") == "src/app/sub/b.yaml")
        #expect(files.repositoryPath(of: "flat/a.yaml") == "src/app/a.yaml")
        #expect(files.repositoryPath(of: "flat/sub/b.yaml") == "src/app/sub/b.yaml")
        #expect(files.repositoryPath(of: "n/notes/x.yaml") == "src/notes/x.yaml")
        #expect(!files.isFile("n/notes/y.md"))
        #expect(files.repositoryPath(of: "renamed.yaml") == "src/one.yaml")
        #expect(files.repositoryPath(of: "into/one.yaml") == "src/one.yaml")
        #expect(files.isFile("ex/a.yaml") && !files.isFile("ex/sub/b.yaml"))
        #expect(files.children(of: "") == ["d", "ex", "flat", "into", "n", "renamed.yaml"])
        #expect(throws: RenderError.self) {
            try ArtifactFileSystem(identity: "t", name: "x", copies: [.init(from: "@s/none", to: "@artifact/")],
                                   sources: ["s": (base, "src")], base: base)
        }
    }

    @Test func substituteFromASecretOnlyTheClusterHoldsLeavesItsVariables() throws {
        let clusters = render([
            "clusters/main/flux-system/gotk-sync.yaml": Self.kustomization("flux-system", path: "./clusters/main"),
            "clusters/main/web.yaml": Self.kustomization("web", path: "./web", extra: """
                  postBuild:
                    substitute: {VERSION: "2.0"}
                    substituteFrom: [{kind: Secret, name: created-at-bootstrap}]
                """),
            "web/deployment.yaml": Self.deployment + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {token: \"${TOKEN}\"}\n",
        ])
        let web = try #require(clusters.first?.unit(ObjectKey(kind: "Kustomization", namespace: "flux-system", name: "web")))
        #expect(web.error == nil)
        #expect(web.externalInputs.map(\.description) == ["Secret/flux-system/created-at-bootstrap"])
        let image = web.resources.resources.first { $0.kind == "Deployment" }?.node[path: ["spec", "template", "spec", "containers"]]?.elements.first?["image"]?.text
        #expect(image == "web:2.0")
        #expect(web.resources.resources.first { $0.kind == "ConfigMap" }?.node[path: ["data", "token"]]?.text == "${TOKEN}")
    }

    @Test func listApplicationSetsCreateTheirApplications() throws {
        let clusters = render([
            "argocd/environments.yaml": """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: web, namespace: argocd}
                spec:
                  goTemplate: true
                  generators:
                    - list:
                        elements:
                          - {env: staging, replicas: "1"}
                          - {env: production, replicas: "3"}
                  template:
                    metadata: {name: "web-{{ .env }}"}
                    spec:
                      source: {repoURL: "https://example.com/self.git", path: "web/{{.env}}"}
                      destination: {namespace: "web-{{ .env }}"}
                """,
            "argocd/dynamic.yaml": """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: per-cluster, namespace: argocd}
                spec:
                  generators: [{clusters: {}}]
                  template: {metadata: {name: "x-{{name}}"}, spec: {source: {repoURL: r, path: p}}}
                """,
            "web/staging/deployment.yaml": Self.deployment,
            "web/production/deployment.yaml": Self.deployment,
        ])
        let cluster = try #require(clusters.first)
        #expect(cluster.units.map(\.key.description) == ["Application/argocd/web-production", "Application/argocd/web-staging"])
        let staging = try #require(cluster.unit(ObjectKey(kind: "Application", namespace: "argocd", name: "web-staging")))
        #expect(staging.error == nil)
        #expect(staging.directory == "web/staging")
        #expect(staging.resources.resources.first?.namespace == "web-staging")
        #expect(cluster.diagnostics.map(\.kind) == [.unsupported])
        #expect(cluster.diagnostics.first?.message.contains("the clusters generator depends on state outside the repository") == true)
    }
}
