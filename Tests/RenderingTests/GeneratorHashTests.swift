import Testing
@testable import Rendering

/// Name suffixes checked against kustomize's own test expectations (conformance `expected.yaml`).
@Suite struct GeneratorHashTests {
    @Test func encodesHexLikeKubectl() {
        #expect(ContentHash.suffix(forHex: "0123456789abcdef") == "gh2k456789")
        #expect(ContentHash.suffix(forHex: "ae3e1a0000") == "mtkthmgggg")
    }

    @Test func base64WrapsAtSeventyColumns() {
        #expect(Base64.wrapped(Array("apple".utf8)) == "YXBwbGU=")
        #expect(Base64.wrapped(Array("ab".utf8)) == "YWI=")
        let forces = "\ngravitational\nelectromagnetic\nstrong nuclear\nweak nuclear\n"
        #expect(Base64.wrapped(Array(forces.utf8))
            == "CmdyYXZpdGF0aW9uYWwKZWxlY3Ryb21hZ25ldGljCnN0cm9uZyBudWNsZWFyCndlYWsgbn\nVjbGVhcgo=\n")
        // From 70 characters of output on, every line (the last one too) ends in a newline, as in kyaml.
        #expect(Base64.wrapped([UInt8](repeating: 0, count: 52)).hasSuffix("\n"))
        #expect(!Base64.wrapped([UInt8](repeating: 0, count: 51)).hasSuffix("\n"))
    }

    /// TestGeneratorBasics: envs, legacy env, literals, files, a prefix, ConfigMap and Secret.
    @Test func generatorBasics() throws {
        let k = try GeneratorFixture.kustomization("""
            namePrefix: blah-
            configMapGenerator:
            - name: bob
              literals:
              - fruit=apple
              - vegetable=broccoli
              envs:
              - foo.env
              env: bar.env
              files:
              - passphrase=phrase.dat
              - forces.txt
            - name: json
              literals:
              - 'v2=[{"path": "var/druid/segment-cache"}]'
              - >-
                druid_segmentCache_locations=[{"path":
                "var/druid/segment-cache",
                "maxSize": 32000000000,
                "freeSpacePercent": 1.0}]
            secretGenerator:
            - name: bob
              literals:
              - fruit=apple
              - vegetable=broccoli
              envs:
              - foo.env
              files:
              - passphrase=phrase.dat
              - forces.txt
              env: bar.env
            """)
        let files = [
            "foo.env": "\nMOUNTAIN=everest\nOCEAN=pacific\n",
            "bar.env": "\nBIRD=falcon\n",
            "phrase.dat": "\nLife is short.\nBut the years are long.\nNot while the evil days come not.\n",
            "forces.txt": "\ngravitational\nelectromagnetic\nstrong nuclear\nweak nuclear\n",
        ]
        let map = try GeneratorFixture.build(k, files: files, prefix: "blah-")
        #expect(try GeneratorFixture.hashed(map) == ["blah-bob-g9df72cd5b", "blah-json-m8529t979f", "blah-bob-58g62h555c"])
        let secret = GeneratorFixture.data(map.resources[2])
        #expect(secret["BIRD"] == "ZmFsY29u")
        #expect(secret["passphrase"] == "CkxpZmUgaXMgc2hvcnQuCkJ1dCB0aGUgeWVhcnMgYXJlIGxvbmcuCk5vdCB3aGlsZSB0aG\nUgZXZpbCBkYXlzIGNvbWUgbm90Lgo=\n")
        #expect(map.resources[2].node["type"]?.text == "Opaque")
    }

    @Test func literalsWithQuotesNamespacesAndSecrets() throws {
        let k = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: the-non-default-namespace-map
              namespace: non-default
              literals:
              - altGreeting=Good Morning from non-default namespace!
              - enableRisky="false"
            - name: the-map
              literals:
              - altGreeting=Good Morning from default namespace!
              - enableRisky="false"
            - name: test
              literals:
                - TEST=this is a 'test'
            secretGenerator:
            - name: the-non-default-namespace-secret
              namespace: non-default
              literals:
              - password.txt=verySecret
            - name: the-secret
              literals:
              - password.txt=anotherSecret
            """)
        let map = try GeneratorFixture.build(k)
        #expect(try GeneratorFixture.hashed(map) == [
            "the-non-default-namespace-map-64b2md8tth", "the-map-tg7t5hk8bk", "test-k9cc55dfm5",
            "the-non-default-namespace-secret-8tc9gdd76t", "the-secret-6557m7fcg8",
        ])
        #expect(GeneratorFixture.data(map.resources[1])["enableRisky"] == "false")
        #expect(map.resources[0].namespace == "non-default")
    }

    /// TestGeneratorIntVsStringNoMerge, TestIssue3449, TestGeneratorRepeatsInKustomization.
    @Test func scalarsStayStrings() throws {
        let ints = try GeneratorFixture.kustomization("""
            configMapGenerator:
            - name: bob
              literals:
              - fruit=Indian Gooseberry
              - year=2020
              - crisis=true
            - name: kustomize-vars
              envs:
              - vars.env
            """)
        let map = try GeneratorFixture.build(ints, files: ["vars.env": "\nDBT_TARGET=development\nSUSPENDED=True\n"])
        #expect(try GeneratorFixture.hashed(map) == ["bob-79t79mt227", "kustomize-vars-7mhm8cg5kg"])

        // The case repeats `literals:` and `files:`; the later ones (kept here) are what count.
        let repeats = try GeneratorFixture.kustomization("""
            namePrefix: blah-
            configMapGenerator:
            - name: bob
              behavior: create
              literals:
              - fruit=apple
              - vegetable=broccoli
              files:
              - nobles=nobility.txt
            """)
        let nobles = try GeneratorFixture.build(repeats, files: ["nobility.txt": "\nhelium\nneon\nargon\nkrypton\nxenon\nradon\n"], prefix: "blah-")
        #expect(try GeneratorFixture.hashed(nobles) == ["blah-bob-db529cg5bk"])
    }

    /// TestConfigMapGeneratorLiteralNewline and TestInlineGenerator: builtin configs under `generators:`.
    @Test func pluginConfigs() throws {
        let newline = try GeneratorFixture.node("""
            apiVersion: builtin
            kind: ConfigMapGenerator
            metadata:
              name: testing
            literals:
              - |
                initial.txt=greetings
                everyone
              - |
                final.txt=different
                behavior
            ---
            """)
        let inline = try GeneratorFixture.node("""
            apiVersion: builtin
            kind: ConfigMapGenerator
            metadata:
              name: mymap
            literals:
            - FRUIT=apple
            - VEGETABLE=carrot
            """)
        var map = ResourceMap()
        for config in [newline, inline] {
            try Generators.absorb(try Generators.resources(forPluginConfig: config, read: GeneratorFixture.reader([String: String]())), into: &map)
        }
        #expect(GeneratorFixture.data(map.resources[0])["initial.txt"] == "greetings\neveryone\n")
        let names = try GeneratorFixture.hashed(map)
        #expect(names == ["testing-tt4769fb52", "mymap-kfd8tf729k"])
    }

    @Test func hashIgnoresMetadata() throws {
        let plain = try GeneratorFixture.node("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: test\ndata:\n  TEST: this is a 'test'\n")
        var labelled = plain
        labelled[path: ["metadata", "labels", "app"]] = .string("web")
        labelled[path: ["metadata", "namespace"]] = .string("elsewhere")
        #expect(try Generators.hash(of: plain) == "k9cc55dfm5")
        // kustomize's lookup of the name never finds it, so renaming keeps the suffix.
        labelled[path: ["metadata", "name"]] = .string("renamed")
        #expect(try Generators.hash(of: labelled) == "k9cc55dfm5")
        var changed = plain
        changed[path: ["data", "TEST"]] = .string("other")
        #expect(try Generators.hash(of: changed) != "k9cc55dfm5")
        #expect(throws: RenderError.self) { try Generators.hash(of: try GeneratorFixture.node("kind: Service\nmetadata: {name: x}\n")) }
    }

    @Test func jsonEncodingMatchesGo() {
        let value = JSONValue.object([("b", .string("<a&b>\u{2028}\"\\\n\u{01}")), ("a", .number("12")), ("c", .null)])
        #expect(String(decoding: value.encoded(), as: UTF8.self)
            == #"{"a":12,"b":"\u003ca\u0026b\u003e\u2028\"\\\n\u0001","c":null}"#)
    }
}
