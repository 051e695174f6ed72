import Testing
@testable import SOPS

@Suite struct SOPSFormatTests {
    @Test func goFloatFormatting() {
        let cases: [(Double, String)] = [(1.0, "1"), (1234.56789, "1234.56789"), (1e21, "1000000000000000000000"),
                                         (1e-7, "0.0000001"), (-2.5, "-2.5"), (0.1, "0.1"), (0, "0"), (123456789012, "123456789012")]
        for (value, expected) in cases { #expect(GoFloat.format(value) == expected) }
        #expect(GoFloat.format(.infinity) == "+Inf")
        #expect(GoFloat.format(.nan) == "NaN")
    }

    @Test func yamlTimestamps() {
        #expect(GoTime.parseYAMLTimestamp("2024-01-01")?.rfc3339Nano == "2024-01-01T00:00:00Z")
        #expect(GoTime.parseYAMLTimestamp("2001-12-14t21:59:43.10-05:00")?.rfc3339Nano == "2001-12-14T21:59:43.1-05:00")
        #expect(GoTime.parseYAMLTimestamp("2001-12-14 21:59:43.10")?.rfc3339Nano == "2001-12-14T21:59:43.1Z")
        #expect(GoTime.parseYAMLTimestamp("2024-1-2")?.rfc3339Nano == "2024-01-02T00:00:00Z")
        #expect(GoTime.parseYAMLTimestamp("2024-02-30") == nil)
        #expect(GoTime.parseYAMLTimestamp("20240101") == nil)
        #expect(GoTime.parseYAMLTimestamp("2024-01-01x") == nil)
        #expect(GoTime.parseRFC3339("2024-11-12T13:33:42.5+02:00")?.rfc3339 == "2024-11-12T13:33:42+02:00")
        #expect(GoTime.parseRFC3339("2024-11-12 13:33:42Z") == nil)
    }

    /// README §1.2: the MAC hashes plaintext values by their go-yaml v3 type.
    @Test func macBytesFollowYAMLTypes() throws {
        let yaml = """
        s: yes
        i: 0x1F
        o: 017
        u: 1_000
        f: 08
        g: 3.0
        b: True
        t: 2024-01-01
        q: "3.0"
        n: ~
        e: 1e3

        """
        let file = try SOPSFile(parsing: Array(yaml.utf8), path: "typed.yaml")
        let leaves = try #require(file.documents.first).leaves()
        let bytes = leaves.map { ValueBytes.plaintext($0.scalar).map { String(decoding: $0, as: UTF8.self) } }
        #expect(bytes == ["yes", "31", "15", "1000", "8", "3", "True", "2024-01-01T00:00:00Z", "3.0", nil, "1000"])
        let json = try SOPSFile(parsing: Array(#"{"a": 3, "b": 1.50, "c": true, "d": null, "e": "3"}"#.utf8), path: "x.json")
        let jsonBytes = try #require(json.documents.first).leaves().map { ValueBytes.plaintext($0.scalar).map { String(decoding: $0, as: UTF8.self) } }
        #expect(jsonBytes == ["3", "1.5", "True", nil, "3"])
    }

    @Test func decryptedValuesNormaliseLikeSops() throws {
        #expect(try ValueBytes.decrypted(Array("true".utf8), type: "bool") == Array("True".utf8))
        #expect(try ValueBytes.decrypted(Array("1.50".utf8), type: "float") == Array("1.5".utf8))
        #expect(try ValueBytes.decrypted(Array("007".utf8), type: "int") == Array("7".utf8))
        #expect(try ValueBytes.decrypted(Array("x".utf8), type: "comment") == nil)
        #expect(throws: ValueBytes.Conversion.self) { try ValueBytes.decrypted(Array("maybe".utf8), type: "bool") }
    }

    @Test func encryptedValueParsing() {
        let good = "ENC[AES256_GCM,data:scSS6zXvDQmc5FEbdzsx5g==,iv:edDP+29t4G2f8uwKREr+5ospOmXD5fe9cWApa4VRhnY=,tag:G8Jn3XCd4ig7I6UhxtjQ+w==,type:str]"
        guard case .success(let value) = EncryptedValue.parse(good) else {
            Issue.record("a well-formed value must parse")
            return
        }
        #expect(value.iv.count == 32 && value.tag.count == 16 && value.type == "str")
        #expect(!"\(value)".contains("scSS6"))
        func problem(_ text: String) -> EncryptedValue.Problem? {
            if case .failure(let problem) = EncryptedValue.parse(text) { return problem }
            return nil
        }
        #expect(problem("ENC[AES256_GCM,data:abc") == .notSOPSFormat)
        #expect(problem("ENC[AES128_GCM,data:YQ==,iv:YQ==,tag:YQ==,type:str]") == .notSOPSFormat)
        #expect(problem(good.replacingOccurrences(of: "data:scSS6", with: "data:!!SS6")) == .invalidBase64(field: "data"))
        #expect(problem(good.replacingOccurrences(of: "type:str", with: "type:blob")) == .unknownType)
        #expect(problem("ENC[AES256_GCM,data:YQ==,iv:YQ==,tag:YQ==,type:str]") == .shortTag)
    }

    @Test func bech32AgeKeys() {
        let identities = ConformanceFiles.identities("generated/keys/test-identity.agekey")
        #expect(identities.map(\.recipient) == ["age10q4htaqjpm9jgxnlt9fp6wfjp00jff5cfugwy2zt7faqwkt8du3qq4uasy"])
        #expect(Bech32.decode("age10q4htaqjpm9jgxnlt9fp6wfjp00jff5cfugwy2zt7faqwkt8du3qq4uasz") == nil)
        #expect(Bech32.decode("Age10q4htaqjpm9jgxnlt9fp6wfjp00jff5cfugwy2zt7faqwkt8du3qq4uasy") == nil)
    }

    @Test func identityErrorsNameLinesNotKeys() {
        let text = "# comment\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n"
        do {
            _ = try AgeIdentity.parse(text)
            Issue.record("a key with a bad checksum must be rejected")
        } catch {
            #expect(error.message.contains("line 2"))
            #expect(!error.message.contains("QQQQ"))
        }
        #expect(throws: SOPSError.self) { try AgeIdentity.parse("# nothing\n") }
        let identity = ConformanceFiles.identities("generated/keys/test-identity.agekey")
        #expect(!"\(identity)".contains("AGE-SECRET-KEY"))
    }

    @Test func shamirRecombinesAnySufficientSubset() {
        let secret: [UInt8] = (0..<32).map { UInt8($0 * 7 + 3) }
        // Degree-1 polynomial per byte (threshold 2) evaluated at x = 1, 2, 3.
        let slopes: [UInt8] = (0..<32).map { UInt8(($0 * 13 + 5) & 0xff) }
        let parts: [[UInt8]] = [1, 2, 3].map { (x: UInt8) in
            secret.indices.map { secret[$0] ^ Shamir.multiply(slopes[$0], x) } + [x]
        }
        #expect(Shamir.combine([parts[0], parts[1]]) == secret)
        #expect(Shamir.combine([parts[2], parts[0]]) == secret)
        #expect(Shamir.combine(parts) == secret)
        #expect(Shamir.combine([parts[0]]) == nil)
    }

    @Test func governingConfigIsFoundWalkingUp() throws {
        let config = Array("creation_rules:\n  - path_regex: prod/.*\\.yaml$\n    age: age1abc\n  - age: age1def, age1ghi\n".utf8)
        let fs = MemoryFileSystem(files: ["clusters/.sops.yaml": config, "clusters/prod/s.yaml": [], "other/s.yaml": []])
        let found = try #require(try SOPSCreationRules.governing(for: "clusters/prod/s.yaml", in: fs))
        #expect(found.relativePath == "prod/s.yaml")
        #expect(found.rules.path == "clusters/.sops.yaml")
        #expect(try found.rules.firstMatch(for: found.relativePath).get()?.index == 0)
        #expect(try found.rules.firstMatch(for: "dev/s.json").get()?.keyGroups == [[SOPSRecipient(kind: .age, identifier: "age1def"), SOPSRecipient(kind: .age, identifier: "age1ghi")]])
        #expect(try SOPSCreationRules.governing(for: "other/s.yaml", in: fs) == nil)
        let broken = try SOPSCreationRules(parsing: Array("creation_rules:\n  - path_regex: \"(\"\n".utf8), path: ".sops.yaml")
        #expect(throws: SOPSError.self) { try broken.firstMatch(for: "a.yaml").get() }
    }
}
