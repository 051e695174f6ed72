import Testing
@testable import Rendering

/// Literals, files, env files, options and the error texts kustomize gives for them.
@Suite struct GeneratorSourcesTests {
    private func generate(_ yaml: String, files: [String: [UInt8]] = [:]) throws -> [Resource] {
        try Generators.resources(for: try GeneratorFixture.kustomization(yaml), read: GeneratorFixture.reader(files))
    }

    private func message(_ yaml: String, files: [String: [UInt8]] = [:]) -> String? {
        do {
            _ = try generate(yaml, files: files)
            return nil
        } catch let error as RenderError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func parsesEnvFilesLikeKustomize() throws {
        let text = "\u{FEFF}# comment\n\n  A=1\r\nB==two= \n\tC\n#D=4\nE=\"quoted\""
        let pairs = try EnvFile.pairs(in: Array(text.utf8), path: "x.env", step: "configMapGenerator")
        #expect(pairs.map(\.key) == ["A", "B", "C", "E"])
        #expect(pairs.map { String(decoding: $0.bytes, as: UTF8.self) } == ["1", "=two= ", "", "\"quoted\""])
        #expect(pairs.map(\.origin.line) == [3, 4, 5, 7])
        #expect(pairs[0].origin.file == "x.env")
    }

    @Test func envFileErrors() {
        #expect(throws: RenderError.self) {
            try EnvFile.pairs(in: Array("A=1\n\u{FEFF}B=2\n".utf8), path: "x.env", step: "s")
        }
        do {
            _ = try EnvFile.pairs(in: Array("1ABC=x\n".utf8), path: "x.env", step: "s")
            Issue.record("expected an invalid key")
        } catch {
            #expect(error.message == #""1ABC" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"#)
        }
        do {
            _ = try EnvFile.pairs(in: [0x41, 0x3D, 0xFF, 0x0A], path: "s.env", step: "s")
            Issue.record("expected invalid UTF-8")
        } catch {
            #expect(error.message == "line 1 has invalid utf8 bytes")
            #expect(error.location?.line == 1)
        }
    }

    @Test func literalAndFileSourceErrors() {
        #expect(message("configMapGenerator:\n- name: m\n  literals: [novalue]\n") == "invalid literal source novalue, expected key=value")
        #expect(message("configMapGenerator:\n- name: m\n  literals: ['=x']\n") == "invalid literal source =x, expected key=value")
        #expect(message("configMapGenerator:\n- name: m\n  files: ['=a.txt']\n") == #"missing key name for file path "a.txt" in source "=a.txt""#)
        #expect(message("configMapGenerator:\n- name: m\n  files: ['k=']\n") == #"missing file path for key name "k" in source "k=""#)
        #expect(message("configMapGenerator:\n- name: m\n  files: ['a=b=c']\n") == #"source "a=b=c" key name or file path contains '='"#)
        #expect(message("configMapGenerator:\n- literals: [a=b]\n") == "a configmap must have a name")
        #expect(message("configMapGenerator:\n- name: m\n  literals: [a=1, a=2]\n") == "configmap m illegally repeats the key `a`")
        #expect(message("configMapGenerator:\n- name: m\n  files: [missing.txt]\n") == "file 'missing.txt' not found")
        #expect(message("configMapGenerator:\n- name: m\n  literals: ['a b=1']\n")?.hasPrefix(#""a b" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"#) == true)
        #expect(message("configMapGenerator:\n- name: m\n  literals: ['..a=1']\n")?.hasSuffix("must not start with '..'") == true)
    }

    @Test func secretValuesStayOutOfErrors() {
        let literal = message("secretGenerator:\n- name: s\n  literals: [hunter2]\n")
        #expect(literal == "invalid literal source, expected key=value")
        let envLine = message("secretGenerator:\n- name: s\n  envs: [s.env]\n", files: ["s.env": Array("TOKEN=\u{FF}".utf8) + [0xFF]])
        #expect(envLine?.contains("TOKEN") == false)
    }

    @Test func filesUseBaseNamesAndBinaryData() throws {
        let resources = try generate("""
            configMapGenerator:
            - name: m
              files:
              - conf/app.properties
              - raw=data.bin
            secretGenerator:
            - name: s
              type: kubernetes.io/tls
              files:
              - data.bin
            """, files: ["conf/app.properties": Array("a=b\n".utf8), "data.bin": [0xFF, 0x00, 0x10]])
        #expect(GeneratorFixture.data(resources[0]) == ["app.properties": "a=b\n"])
        #expect(GeneratorFixture.data(resources[0], "binaryData") == ["raw": "/wAQ"])
        #expect(resources[0].node[path: ["data", "app.properties"]]?.origin?.file == "conf/app.properties")
        #expect(GeneratorFixture.data(resources[1]) == ["data.bin": "/wAQ"])
        #expect(resources[1].node["type"]?.text == "kubernetes.io/tls")
        #expect(KeyValueSources.baseName("a/b/") == "b")
        #expect(KeyValueSources.baseName("") == ".")
    }

    @Test func emptyGeneratorsShapeDataLikeKustomize() throws {
        let resources = try generate("configMapGenerator:\n- name: m\nsecretGenerator:\n- name: s\n")
        #expect(resources[0].node["data"] == nil)
        #expect(resources[1].node["data"]?.isMapping == true)
        #expect(resources[1].node["data"]?.entries.isEmpty == true)
    }

    @Test func mergesOptionsOverGeneratorOptions() throws {
        let resources = try generate("""
            generatorOptions:
              labels: {team: global, tier: backend}
              annotations: {note: global}
              immutable: true
            configMapGenerator:
            - name: m
              options:
                labels: {team: local}
                disableNameSuffixHash: true
                immutable: false
            secretGenerator:
            - name: s
              behavior: merge
            """)
        let configMap = resources[0]
        #expect(configMap.labels() == ["team": "local", "tier": "backend"])
        #expect(configMap.annotations == ["note": "global"])
        #expect(configMap.node["immutable"]?.scalar == Scalar("true", tag: .bool))
        #expect(!configMap.needsHashSuffix)
        #expect(configMap.behavior == .create)
        #expect(resources[1].needsHashSuffix)
        #expect(resources[1].behavior == .merge)
        #expect(resources[1].node["immutable"]?.text == "true")
        #expect(configMap.node[path: ["metadata", "labels", "tier"]]?.origin?.changedBy == "configMapGenerator")
    }

    @Test func pluginConfigUsesMetadataAndIgnoresLegacyEnv() throws {
        let config = try GeneratorFixture.node("""
            apiVersion: builtin
            kind: SecretGenerator
            metadata:
              name: from-metadata
              namespace: ns
            env: ignored.env
            behavior: replace
            literals:
            - k=v
            """)
        let resources = try Generators.resources(forPluginConfig: config, read: GeneratorFixture.reader([String: String]()))
        #expect(resources.count == 1)
        #expect(resources[0].name == "from-metadata")
        #expect(resources[0].namespace == "ns")
        #expect(resources[0].behavior == .replace)
        #expect(GeneratorFixture.data(resources[0]) == ["k": "dg=="])
        let other = try GeneratorFixture.node("apiVersion: builtin\nkind: HelmChartInflationGenerator\n")
        #expect(throws: RenderError.self) { try Generators.resources(forPluginConfig: other, read: GeneratorFixture.reader([String: String]())) }
    }

    @Test func originsPointAtTheGeneratorEntry() throws {
        let resources = try generate("configMapGenerator:\n- name: m\n  literals:\n  - a=b\n")
        let resource = try #require(resources.first)
        #expect(resource.source.file == "kustomization.yaml")
        #expect(resource.source.line == 2)
        #expect(resource.source.changedBy == "configMapGenerator")
        #expect(resource.node[path: ["data", "a"]]?.origin?.line == 4)
    }
}
