import Testing
@testable import Rendering

/// behavior create/merge/replace against earlier resources, as in kustomize's AbsorbAll.
@Suite struct GeneratorMergeTests {
    /// TestGeneratorIntVsStringWithMerge: a generated base merged by an overlay generator.
    @Test func mergesIntoGeneratedBase() throws {
        let base = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: bob
              literals:
              - fruit=Indian Gooseberry
              - year=2020
              - crisis=true
            """, file: "base/kustomization.yaml")
        let overlay = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: bob
              behavior: merge
              literals:
              - month=12
            """, file: "overlay/kustomization.yaml")
        let map = try GeneratorFixture.build(overlay, into: try GeneratorFixture.build(base))
        #expect(map.count == 1)
        #expect(GeneratorFixture.data(map.resources[0]) == ["fruit": "Indian Gooseberry", "year": "2020", "crisis": "true", "month": "12"])
        #expect(map.resources[0].source.file == "base/kustomization.yaml")
        #expect(map.resources[0].node[path: ["data", "month"]]?.origin?.file == "overlay/kustomization.yaml")
        #expect(try GeneratorFixture.hashed(map) == ["bob-bk46gm59c6"])
    }

    /// TestGeneratorFromProperties: env files in base and overlay.
    @Test func mergesEnvFiles() throws {
        let base = try GeneratorFixture.kustomization("""
            configMapGenerator:
              - name: test-configmap
                behavior: create
                envs:
                - properties
            """)
        let overlay = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: test-configmap
              behavior: "merge"
              envs:
              - properties
            """)
        let first = try GeneratorFixture.build(base, files: ["properties": "\nVAR1=100\n"])
        let map = try GeneratorFixture.build(overlay, files: ["properties": "\nVAR2=200\n"], into: first)
        #expect(try GeneratorFixture.hashed(map) == ["test-configmap-hdghb5ddkg"])
    }

    /// TestMergeAndReplaceGenerators: prefixed base objects, replace and merge from a prefixed overlay.
    @Test func replacesAndMergesPrefixedBaseObjects() throws {
        let app = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: configmap-in-base
              literals:
              - foo=bar
            secretGenerator:
            - name: secret-in-base
              literals:
              - username=admin
              - password=somepw
            """, file: "app/kustomization.yaml")
        var base = try GeneratorFixture.build(app, prefix: "team-foo-")
        for index in base.resources.indices {
            base.resources[index].node[path: ["metadata", "labels", "team"]] = .string("foo")
        }
        let overlay = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: configmap-in-overlay
              literals:
              - hello=world
            - name: configmap-in-base
              behavior: replace
              literals:
              - foo=override-bar
            secretGenerator:
            - name: secret-in-base
              behavior: merge
              literals:
              - proxy=haproxy
            """, file: "overlay/kustomization.yaml")
        let map = try GeneratorFixture.build(overlay, prefix: "staging-", into: base)
        #expect(map.resources.map(\.kind) == ["ConfigMap", "Secret", "ConfigMap"])
        #expect(GeneratorFixture.data(map.resources[0]) == ["foo": "override-bar"])
        #expect(map.resources[0].labels()["team"] == "foo")
        #expect(map.resources[0].originalID.name == "configmap-in-base")
        #expect(map.resources[0].source.file == "overlay/kustomization.yaml")
        #expect(Set(GeneratorFixture.data(map.resources[1]).keys) == ["username", "password", "proxy"])
        #expect(try GeneratorFixture.hashed(map) == [
            "staging-team-foo-configmap-in-base-hc6g9dk6g9",
            "staging-team-foo-secret-in-base-k2k4692t9g",
            "staging-configmap-in-overlay-dc6fm46dhm",
        ])
    }

    /// TestMergeAndReplaceDisableNameSuffixHashGenerators / TestGeneratorOptionsOverlayDisableNameSuffixHash.
    @Test func overlayCanDisableTheBaseHash() throws {
        let base = try GeneratorFixture.kustomization("""
            generatorOptions:
              disableNameSuffixHash: false
              labels:
                foo: bar
            configMapGenerator:
            - name: baseShouldHaveHashButOverlayShouldNot
              literals:
              - foo=bar
            """)
        let overlay = try GeneratorFixture.kustomization("""
            generatorOptions:
              disableNameSuffixHash: true
              labels:
                fruit: apple
            configMapGenerator:
            - name: baseShouldHaveHashButOverlayShouldNot
              behavior: merge
              literals:
              - fruit=apple
            """)
        let map = try GeneratorFixture.build(overlay, into: try GeneratorFixture.build(base))
        #expect(map.resources[0].labels() == ["foo": "bar", "fruit": "apple"])
        #expect(try GeneratorFixture.hashed(map) == ["baseShouldHaveHashButOverlayShouldNot"])
    }

    /// TestIssue3393: merging into a plain ConfigMap keeps its name without a hash.
    @Test func mergesIntoPlainConfigMapWithoutHash() throws {
        let plain = try GeneratorFixture.node("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: project
            data:
              A_FIRST_ENV_VARIABLE: "foo"
              COUNT: 3
            """, file: "cm.yaml")
        let base = ResourceMap([Resource(node: plain, source: Origin(file: "cm.yaml", line: 2, column: 1))])
        let k = try GeneratorFixture.kustomization("""
            configMapGenerator:
              - name: project
                behavior: merge
                literals:
                - ANOTHER_ENV_VARIABLE="bar"
            """)
        let map = try GeneratorFixture.build(k, into: base)
        #expect(GeneratorFixture.data(map.resources[0]) == ["A_FIRST_ENV_VARIABLE": "foo", "ANOTHER_ENV_VARIABLE": "bar", "COUNT": "3"])
        #expect(map.resources[0].node[path: ["data", "COUNT"]]?.scalar?.tag == .string)
        #expect(try GeneratorFixture.hashed(map) == ["project"])
    }

    /// TestConfigMapGeneratingIntoSameNamespace: "default" and no namespace are the same id.
    @Test func refusesSecondCreate() throws {
        let k = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: test
              namespace: default
              literals:
              - key=value
            - name: test
              literals:
              - key=value
            """)
        do {
            _ = try GeneratorFixture.build(k)
            Issue.record("expected a conflict")
        } catch let error as RenderError {
            #expect(error.message.contains("behavior must be merge or replace"))
            #expect(error.message.contains(#"Kind:"ConfigMap""#))
        }
    }

    @Test func refusesMergeWithoutTarget() throws {
        let k = try GeneratorFixture.kustomization("""
            secretGenerator:
            - name: nothing-here
              behavior: replace
              literals:
              - key=value
            """)
        #expect {
            _ = try GeneratorFixture.build(k)
        } throws: { error in
            (error as? RenderError)?.message == #"id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"Secret", isClusterScoped:false}, Name:"nothing-here", Namespace:""} does not exist; cannot merge or replace"#
        }
    }

    /// TestConfigMapGeneratorMergeNamePrefix: an overlay names the object by its prefixed name.
    @Test func matchesCurrentPrefixedName() throws {
        let base = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: cm
              behavior: create
              literals:
              - foo=bar
            """)
        let top = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: o1-cm
              behavior: merge
              literals:
              - big=bang
            """)
        let o1 = try GeneratorFixture.build(base, prefix: "o1-")
        let map = try GeneratorFixture.build(top, into: o1)
        #expect(map.resources[0].originalID.name == "cm")
        #expect(try GeneratorFixture.hashed(map) == ["o1-cm-ft9mmdc8c6"])
    }

    @Test func hashSuffixRecordsPreviousName() throws {
        let k = try GeneratorFixture.kustomization("configMapGenerator:\n- name: a\n  literals: [x=y]\n")
        var map = try GeneratorFixture.build(k)
        try Generators.appendHashSuffixes(to: &map)
        let renamed = try #require(map.resources.first)
        #expect(renamed.previousIDs.map(\.name) == ["a"])
        #expect(!renamed.needsHashSuffix)
        let again = renamed.name
        try Generators.appendHashSuffixes(to: &map)
        #expect(map.resources[0].name == again)
    }
}
