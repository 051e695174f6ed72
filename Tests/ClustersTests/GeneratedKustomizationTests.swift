import Testing
import Rendering
@testable import Clusters

@Suite struct GeneratedKustomizationTests {
    @Test func generatesFromTheDirectoryLikeFlux() throws {
        let files = SourceFileSystem(base: try Fixtures.fileSystem("fleet"))
        let generated = try GeneratedKustomization.generate(in: "infrastructure/prod", fileSystem: files)
        // The nested kustomization directory is one resource and is not entered; the draft file is
        // excluded by .sourceignore (it would not even parse) and JSON files are not listed.
        #expect(generated.strings("resources") == ["controllers", "namespace.yaml"])
        #expect(generated.directory == "infrastructure/prod")
    }

    @Test func withoutSourceIgnoreTheBrokenFileFailsTheBuild() throws {
        let files = SourceFileSystem(base: try Fixtures.fileSystem("fleet"), ignoreRules: .fluxDefaults)
        #expect(throws: RenderError.self) { try GeneratedKustomization.generate(in: "infrastructure/prod", fileSystem: files) }
    }

    @Test func patchesAnExistingKustomization() throws {
        let files = MemoryFileSystem(files: [
            "app/kustomization.yaml": """
                resources: [deploy.yaml]
                namePrefix: old-
                images:
                - {name: nginx, newTag: "1.0"}
                - {name: redis, newTag: "6"}
                """,
            "app/deploy.yaml": "kind: ConfigMap\nmetadata: {name: x}\n",
            "components/extra/kustomization.yaml": "kind: Component\n",
        ])
        let object = try parse("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: app, namespace: flux-system}
            spec:
              path: ./app
              sourceRef: {kind: GitRepository, name: flux-system}
              targetNamespace: team
              namePrefix: new-
              images: [{name: nginx, newName: mirror/nginx}]
              patches: [{patch: "kind: ConfigMap", target: {kind: ConfigMap}}]
              components: [../components/extra, ../components/missing]
              ignoreMissingComponents: true
            """)
        let spec = try FluxKustomizationSpec(object: object, defaultNamespace: "default")
        let result = try GeneratedKustomization.make(for: spec, directory: "app", fileSystem: files)
        #expect(result.string("namespace") == "team")
        #expect(result.string("namePrefix") == "new-")
        let images = result["images"]?.elements ?? []
        #expect(images.count == 2)
        #expect(images.first?["newName"]?.text == "mirror/nginx")
        #expect(images.first?["newTag"] == nil)
        #expect(result["patches"]?.elements.count == 1)
        #expect(result.strings("components") == ["../components/extra"])
        #expect(result["namespace"]?.origin?.changedBy == "Flux Kustomization flux-system/app")
    }

    @Test func missingPathIsAnError() throws {
        let spec = FluxKustomizationSpec(name: "x", namespace: "flux-system", path: "./nope",
                                         sourceRef: ObjectKey(kind: "GitRepository", namespace: "flux-system", name: "flux-system"))
        #expect(throws: RenderError.self) {
            try GeneratedKustomization.make(for: spec, directory: "nope", fileSystem: MemoryFileSystem(files: [:]))
        }
    }

    @Test func securejoinKeepsPathsInsideTheSource() {
        #expect(SourcePath.join("", "./clusters/prod/") == "clusters/prod")
        #expect(SourcePath.join("deploy", "../../etc") == "deploy/etc")
        #expect(SourcePath.join("a/b", "../c", clampedTo: "") == "a/c")
    }
}
